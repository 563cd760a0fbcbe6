/**
 * The commune offices (UBND xã) of the five communes that cover the former huyện Đăk Hà. Addresses, phone numbers
 * and hours are not in our sources, so they start empty: the bot then says so and officers fill them in
 * (FACTS.md has no verified contact data). Working hours of commune offices vary; nothing is guessed here.
 */
export interface SeedOffice {
  placeCode: string
  name: string
  address: string | null
  phone: string | null
  hours: string | null
  note: string | null
}

const NOTE = 'Chưa có địa chỉ và số điện thoại đã xác minh; cán bộ xã cập nhật qua trang cán bộ.'

export const OFFICES: SeedOffice[] = [
  { placeCode: 'quang-ngai/xa-dak-ha', name: 'UBND xã Đăk Hà', address: null, phone: null, hours: null, note: NOTE },
  { placeCode: 'quang-ngai/xa-dak-pxi', name: 'UBND xã Đăk Pxi', address: null, phone: null, hours: null, note: NOTE },
  { placeCode: 'quang-ngai/xa-dak-mar', name: 'UBND xã Đăk Mar', address: null, phone: null, hours: null, note: NOTE },
  { placeCode: 'quang-ngai/xa-dak-ui', name: 'UBND xã Đăk Ui', address: null, phone: null, hours: null, note: NOTE },
  { placeCode: 'quang-ngai/xa-ngok-reo', name: 'UBND xã Ngọk Réo', address: null, phone: null, hours: null, note: NOTE },
]
