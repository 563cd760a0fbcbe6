import type { FC } from 'hono/jsx'
import { t, type Locale } from '../i18n.ts'

/**
 * The web chat page: server-rendered, no build step, a few KB of inline CSS and JS. It keeps a per-browser
 * conversation id and the recent transcript in localStorage, and talks to POST /api/chat like any channel. Answers
 * that arrive later (an officer's reply) are fetched from GET /api/chat/inbox every 15 s while the page is visible.
 */
export const ChatPage: FC<{ locale: Locale }> = ({ locale }) => {
  const texts = {
    placeholder: t(locale, 'web.placeholder'),
    typing: t(locale, 'web.typing'),
    offline: t(locale, 'web.offline'),
  }
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#0f766e" />
        <title>{t(locale, 'web.title')}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <header>
          <div>
            <h1>{t(locale, 'web.title')}</h1>
            <p>{t(locale, 'web.subtitle')}</p>
          </div>
          <button id="reset" type="button" title={t(locale, 'web.new_chat')} aria-label={t(locale, 'web.new_chat')}>
            ↺
          </button>
        </header>
        <main id="log" aria-live="polite"></main>
        <form id="form" autocomplete="off">
          <input id="text" name="text" maxlength={4000} placeholder={texts.placeholder} aria-label={texts.placeholder} />
          <button id="send" type="submit">
            {t(locale, 'web.send')}
          </button>
        </form>
        <footer>{t(locale, 'web.footer')}</footer>
        <script dangerouslySetInnerHTML={{ __html: `window.TEXTS=${JSON.stringify(texts).replace(/</g, '\\u003c')};${JS}` }} />
      </body>
    </html>
  )
}

const CSS = `
*{box-sizing:border-box}html,body{height:100%;margin:0}
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f1f5f4;color:#1f2937;display:flex;flex-direction:column;max-width:720px;margin:0 auto}
header{display:flex;align-items:center;justify-content:space-between;gap:12px;padding:12px 16px;background:#0f766e;color:#fff;position:sticky;top:0}
header h1{font-size:18px;margin:0}header p{font-size:13px;margin:2px 0 0;opacity:.85}
#reset{background:transparent;border:1px solid #ffffff88;color:#fff;border-radius:50%;width:36px;height:36px;font-size:18px;cursor:pointer}
main{flex:1;overflow-y:auto;padding:16px 12px;display:flex;flex-direction:column;gap:8px}
.msg{max-width:85%;padding:9px 13px;border-radius:16px;white-space:pre-wrap;word-wrap:break-word}
.bot{align-self:flex-start;background:#fff;border-bottom-left-radius:4px;box-shadow:0 1px 2px #0001}
.me{align-self:flex-end;background:#0f766e;color:#fff;border-bottom-right-radius:4px}
.chips{display:flex;flex-wrap:wrap;gap:6px;align-self:flex-start;max-width:95%}
.chips button{border:1px solid #0f766e;background:#fff;color:#0f766e;border-radius:18px;padding:7px 12px;font-size:14px;cursor:pointer}
.chips button:hover:not(:disabled){background:#e6f4f2}.chips button:disabled{opacity:.45;cursor:default}
.note{align-self:center;font-size:13px;color:#92400e;background:#fef3c7;padding:4px 10px;border-radius:10px}
.typing{color:#6b7280;font-style:italic}
form{display:flex;gap:8px;padding:10px 12px calc(10px + env(safe-area-inset-bottom));background:#fff;border-top:1px solid #e5e7eb;position:sticky;bottom:0}
#text{flex:1;font-size:16px;padding:10px 14px;border:1px solid #cbd5e1;border-radius:22px;outline:none}
#text:focus{border-color:#0f766e}
#send{background:#0f766e;color:#fff;border:0;border-radius:22px;padding:0 18px;font-size:15px;cursor:pointer}
#send:disabled{opacity:.6}
footer{font-size:12px;color:#6b7280;text-align:center;padding:4px 12px 8px;background:#fff}
`

const JS = `
(function(){
var T=window.TEXTS,log=document.getElementById('log'),form=document.getElementById('form'),input=document.getElementById('text'),send=document.getElementById('send');
var KEY='tlgn.conversation',HIST='tlgn.history',busy=false;
function newId(){return (crypto.randomUUID?crypto.randomUUID():String(Date.now())+Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9_-]/g,'')}
var cid=localStorage.getItem(KEY);if(!cid){cid=newId();localStorage.setItem(KEY,cid)}
var history=[];try{history=JSON.parse(localStorage.getItem(HIST)||'[]')}catch(e){history=[]}
function save(){localStorage.setItem(HIST,JSON.stringify(history.slice(-60)))}
function bubble(who,text){var d=document.createElement('div');d.className='msg '+who;d.textContent=text;log.appendChild(d);log.scrollTop=log.scrollHeight;return d}
function chips(buttons,live){var w=document.createElement('div');w.className='chips';buttons.forEach(function(b){var el=document.createElement('button');el.type='button';el.textContent=b.label;el.disabled=!live;el.onclick=function(){ask({button:b.value},b.label)};w.appendChild(el)});log.appendChild(w);log.scrollTop=log.scrollHeight}
function disableChips(){log.querySelectorAll('.chips button').forEach(function(b){b.disabled=true})}
function render(){log.innerHTML='';history.forEach(function(m,i){if(m.who==='me')bubble('me',m.text);else{bubble('bot',m.text);if(m.buttons&&m.buttons.length)chips(m.buttons,i===history.length-1)}})}
function ask(body,shown){if(busy)return;busy=true;send.disabled=true;disableChips();
 if(shown){bubble('me',shown);history.push({who:'me',text:shown})}
 var wait=bubble('bot typing',T.typing);body.conversationId=cid;body.messageId=newId();
 fetch('/api/chat',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)})
 .then(function(r){return r.json().then(function(j){if(!r.ok)throw new Error(j&&j.error?j.error.message:T.offline);return j})})
 .then(function(j){wait.remove();(j.replies||[]).forEach(function(rep){history.push({who:'bot',text:rep.text,buttons:rep.buttons||[]});bubble('bot',rep.text);if(rep.buttons&&rep.buttons.length)chips(rep.buttons,true)});save()})
 .catch(function(e){wait.remove();var n=document.createElement('div');n.className='note';n.textContent=e&&e.message?e.message:T.offline;log.appendChild(n);if(body.text)input.value=body.text;save()})
 .finally(function(){busy=false;send.disabled=false;input.focus()})}
form.addEventListener('submit',function(e){e.preventDefault();var text=input.value.trim();if(!text)return;input.value='';ask({text:text},text)});
document.getElementById('reset').onclick=function(){cid=newId();localStorage.setItem(KEY,cid);history=[];save();render();ask({button:'menu:start'})};
function poll(){if(busy||document.hidden)return;fetch('/api/chat/inbox?conversationId='+encodeURIComponent(cid)).then(function(r){return r.ok?r.json():{replies:[]}}).then(function(j){(j.replies||[]).forEach(function(rep){history.push({who:'bot',text:rep.text,buttons:rep.buttons||[]});bubble('bot',rep.text);if(rep.buttons&&rep.buttons.length)chips(rep.buttons,true)});if(j.replies&&j.replies.length)save()}).catch(function(){})}
setInterval(poll,15000);document.addEventListener('visibilitychange',poll);
render();if(history.length===0)ask({button:'menu:start'});
})();
`

/** The page as an HTML document string. */
export function chatPageHtml(locale: Locale): string {
  return `<!doctype html>${String(<ChatPage locale={locale} />)}`
}
