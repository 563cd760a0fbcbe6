import type { FC } from 'hono/jsx'
import { LOCALES, t, type Locale } from '../i18n.ts'

/**
 * The web chat page: server-rendered, no build step, a few KB of inline CSS and JS, made for a phone. The script and
 * the style are constants, allowed by their hashes in the Content-Security-Policy (src/http/security.ts); the page's
 * texts travel in a JSON data block, which is not script. It talks to POST /api/chat like any channel and keeps the
 * conversation id the server issued, and the recent transcript, in localStorage — so a reload shows the conversation
 * and its last buttons still work. After each reply the page scrolls to the start of the newest reply (an
 * eligibility result is read from its first line). Answers that arrive later (an officer's reply) are fetched from
 * GET /api/chat/inbox every 15 s while the page is visible. Tiếng Việt / English: switching starts a new
 * conversation in that language (the bot answers a conversation in the language it began with).
 */

/** The page's own texts in every language, switched in the browser. */
function pageTexts(locale: Locale) {
  return {
    title: t(locale, 'web.title'),
    subtitle: t(locale, 'web.subtitle'),
    placeholder: t(locale, 'web.placeholder'),
    send: t(locale, 'web.send'),
    typing: t(locale, 'web.typing'),
    offline: t(locale, 'web.offline'),
    serverError: t(locale, 'web.server_error'),
    newChat: t(locale, 'web.new_chat'),
    footer: t(locale, 'web.footer'),
    switchTo: t(locale, 'web.switch_to'),
    language: t(locale, 'web.language'),
    restarted: t(locale, 'web.restarted'),
  }
}

// A speech bubble in the page's green, as an inline SVG: no file to serve.
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'%3E%3Crect width='64' height='64' rx='14' fill='%230f766e'/%3E%3Cpath d='M16 18h32a6 6 0 0 1 6 6v14a6 6 0 0 1-6 6H30l-10 8v-8h-4a6 6 0 0 1-6-6V24a6 6 0 0 1 6-6z' fill='%23fff'/%3E%3C/svg%3E"

export const ChatPage: FC<{ locale: Locale }> = ({ locale }) => {
  const texts = pageTexts(locale)
  const all = Object.fromEntries(LOCALES.map((l) => [l, pageTexts(l)]))
  const other = locale === 'vi' ? 'en' : 'vi'
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#0f766e" />
        <title>{texts.title}</title>
        <link rel="icon" href={FAVICON} />
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <header>
          <div class="heading">
            <h1 id="title">{texts.title}</h1>
            <p id="subtitle">{texts.subtitle}</p>
          </div>
          <div class="tools">
            <button id="lang" type="button" data-lang={other} aria-label={texts.language}>
              {texts.switchTo}
            </button>
            <button id="reset" type="button" title={texts.newChat} aria-label={texts.newChat}>
              ↺
            </button>
          </div>
        </header>
        <noscript>
          <p class="noscript">{t('vi', 'web.noscript')}</p>
          <p class="noscript" lang="en">
            {t('en', 'web.noscript')}
          </p>
        </noscript>
        <main id="log" aria-live="polite"></main>
        <form id="form" autocomplete="off">
          <input id="text" name="text" maxlength={4000} placeholder={texts.placeholder} aria-label={texts.placeholder} />
          <button id="send" type="submit">
            {texts.send}
          </button>
        </form>
        <footer id="footer">{texts.footer}</footer>
        <script id="page" type="application/json" dangerouslySetInnerHTML={{ __html: JSON.stringify({ locale, texts: all }).replace(/</g, '\\u003c') }} />
        <script dangerouslySetInnerHTML={{ __html: JS }} />
      </body>
    </html>
  )
}

const CSS = `
*{box-sizing:border-box}html,body{height:100%;margin:0}
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#f1f5f4;color:#1f2937;display:flex;flex-direction:column;max-width:720px;margin:0 auto}
header{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:10px 12px;background:#0f766e;color:#fff;position:sticky;top:0;z-index:1}
header h1{font-size:18px;margin:0}header p{font-size:13px;margin:2px 0 0;opacity:.85}
.tools{display:flex;gap:8px;flex-shrink:0}
.tools button{background:transparent;border:1px solid #ffffffaa;color:#fff;border-radius:22px;min-width:44px;min-height:44px;padding:0 12px;font-size:15px;cursor:pointer}
#reset{font-size:20px;padding:0}
.noscript{margin:12px;padding:12px;border-radius:10px;background:#fef3c7;color:#92400e}
main{flex:1;overflow-y:auto;padding:16px 12px;display:flex;flex-direction:column;gap:8px;scroll-padding-top:8px}
.msg{max-width:88%;padding:9px 13px;border-radius:16px;white-space:pre-wrap;overflow-wrap:anywhere}
.bot{align-self:flex-start;background:#fff;border-bottom-left-radius:4px;box-shadow:0 1px 2px #0001}
.me{align-self:flex-end;background:#0f766e;color:#fff;border-bottom-right-radius:4px}
.chips{display:flex;flex-wrap:wrap;gap:8px;align-self:flex-start;max-width:100%}
.chips button{min-height:44px;border:1px solid #0f766e;background:#fff;color:#0f766e;border-radius:22px;padding:8px 14px;font-size:15px;cursor:pointer}
.chips button:hover:not(:disabled){background:#e6f4f2}.chips button:disabled{opacity:.45;cursor:default}
.note{align-self:center;font-size:14px;color:#92400e;background:#fef3c7;padding:6px 12px;border-radius:10px}
.typing{color:#6b7280;font-style:italic}
form{display:flex;gap:8px;padding:10px 12px calc(10px + env(safe-area-inset-bottom));background:#fff;border-top:1px solid #e5e7eb;position:sticky;bottom:0}
#text{flex:1;min-height:44px;font-size:16px;padding:10px 14px;border:1px solid #cbd5e1;border-radius:22px;outline:none}
#text:focus{border-color:#0f766e}
#send{min-height:44px;background:#0f766e;color:#fff;border:0;border-radius:22px;padding:0 18px;font-size:15px;cursor:pointer}
#send:disabled{opacity:.6}
footer{font-size:12px;color:#6b7280;text-align:center;padding:4px 12px 8px;background:#fff}
`

// Plain ES5 so that old phone browsers run it. History entries: {who, text, buttons, turn}; the buttons of the
// newest bot turn are the live ones, before and after a reload.
const JS = `
(function(){
var P=JSON.parse(document.getElementById('page').textContent),log=document.getElementById('log'),form=document.getElementById('form'),input=document.getElementById('text'),send=document.getElementById('send'),langButton=document.getElementById('lang');
var KEY='tlgn.conversation.v2',HIST='tlgn.history.v2',LANG='tlgn.lang',busy=false;
var lang=localStorage.getItem(LANG)||P.locale;if(!P.texts[lang])lang=P.locale;
var T=P.texts[lang];
var cid=localStorage.getItem(KEY)||null;
var history=[];try{history=JSON.parse(localStorage.getItem(HIST)||'[]')}catch(e){history=[]}
var turn=history.length?history[history.length-1].turn||0:0;
function newId(){return (window.crypto&&crypto.randomUUID?crypto.randomUUID():String(Date.now())+Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9_-]/g,'')}
function save(){localStorage.setItem(HIST,JSON.stringify(history.slice(-60)))}
function applyTexts(){document.documentElement.lang=lang;document.title=T.title;document.getElementById('title').textContent=T.title;document.getElementById('subtitle').textContent=T.subtitle;input.placeholder=T.placeholder;input.setAttribute('aria-label',T.placeholder);send.textContent=T.send;document.getElementById('footer').textContent=T.footer;var r=document.getElementById('reset');r.title=T.newChat;r.setAttribute('aria-label',T.newChat);var other=lang==='vi'?'en':'vi';langButton.textContent=T.switchTo;langButton.setAttribute('data-lang',other);langButton.setAttribute('aria-label',T.language)}
function bubble(who,text){var d=document.createElement('div');d.className='msg '+who;d.textContent=text;log.appendChild(d);return d}
function chips(buttons,live){var w=document.createElement('div');w.className='chips';buttons.forEach(function(b){var el=document.createElement('button');el.type='button';el.textContent=b.label;el.disabled=!live;el.onclick=function(){ask({button:b.value},b.label)};w.appendChild(el)});log.appendChild(w);return w}
function disableChips(){var all=log.querySelectorAll('.chips button');for(var i=0;i<all.length;i++)all[i].disabled=true}
function note(text){var n=document.createElement('div');n.className='note';n.textContent=text;log.appendChild(n);n.scrollIntoView({block:'end'});return n}
function render(){log.innerHTML='';history.forEach(function(m){if(m.who==='me')bubble('me',m.text);else{bubble('bot',m.text);if(m.buttons&&m.buttons.length)chips(m.buttons,m.turn===turn)}});if(log.lastChild)log.lastChild.scrollIntoView({block:'end'})}
function show(replies){turn++;var first=null;replies.forEach(function(rep){history.push({who:'bot',text:rep.text,buttons:rep.buttons||[],turn:turn});var b=bubble('bot',rep.text);if(!first)first=b;if(rep.buttons&&rep.buttons.length)chips(rep.buttons,true)});save();
 // The start of the newest reply, not its end: a long result is read from its first line.
 if(first)first.scrollIntoView({block:'start'})}
function post(body){if(cid)body.conversationId=cid;else delete body.conversationId;body.locale=lang;return fetch('/api/chat',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)})}
function ask(body,shown,retried){if(busy)return;busy=true;send.disabled=true;disableChips();
 if(shown){bubble('me',shown).scrollIntoView({block:'end'});history.push({who:'me',text:shown,turn:turn})}
 var wait=bubble('bot typing',T.typing);body.messageId=body.messageId||newId();
 post(body).then(function(r){return r.json().then(function(j){return {ok:r.ok,status:r.status,j:j}},function(){return {ok:false,status:r.status,j:null}})},function(){return {network:true}})
 .then(function(res){wait.remove();
  if(res.network){note(T.offline);if(body.text)input.value=body.text;save();return}
  if(res.ok){if(res.j.conversationId&&res.j.conversationId!==cid){cid=res.j.conversationId;localStorage.setItem(KEY,cid)}show(res.j.replies||[]);return}
  var code=res.j&&res.j.error?res.j.error.code:'';
  // An id the server did not issue (an old page, another server): start afresh and send the message again.
  if(code==='unknown_conversation'&&!retried){cid=null;localStorage.removeItem(KEY);busy=false;send.disabled=false;delete body.messageId;ask(body,null,true);return}
  note(res.j&&res.j.error&&res.j.error.message?res.j.error.message:T.serverError);if(body.text)input.value=body.text;save()})
 .then(function(){busy=false;send.disabled=false;if(!('ontouchstart' in window))input.focus()})}
form.addEventListener('submit',function(e){e.preventDefault();var text=input.value.trim();if(!text)return;input.value='';ask({text:text},text)});
function restart(){cid=null;localStorage.removeItem(KEY);history=[];turn=0;save();render();ask({button:'menu:start'})}
document.getElementById('reset').onclick=restart;
langButton.onclick=function(){lang=langButton.getAttribute('data-lang');localStorage.setItem(LANG,lang);T=P.texts[lang];applyTexts();restart()};
function poll(){if(busy||document.hidden||!cid)return;fetch('/api/chat/inbox?conversationId='+encodeURIComponent(cid)).then(function(r){return r.ok?r.json():{replies:[]}}).then(function(j){if(j.replies&&j.replies.length)show(j.replies)}).catch(function(){})}
setInterval(poll,15000);document.addEventListener('visibilitychange',poll);
applyTexts();render();if(history.length===0||!cid)restart();
})();
`

/** The page's inline script and style, exactly as served: the Content-Security-Policy allows them by hash. */
export const CHAT_PAGE_INLINE = { scripts: [JS], styles: [CSS] } as const

/** The page as an HTML document string. */
export function chatPageHtml(locale: Locale): string {
  return `<!doctype html>${String(<ChatPage locale={locale} />)}`
}
