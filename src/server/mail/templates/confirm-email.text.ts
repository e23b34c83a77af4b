import type { Language } from '../../../shared/languages.js';
import { PRODUCT_NAME } from './password-reset.text.js';

export interface ConfirmEmailText {
  subject: string;
  greeting: (name: string) => string;
  intro: string;
  action: string;
  expiry: (hours: number) => string;
  ignore: string;
}

/** The address confirmation email in each language of the app. */
export const CONFIRM_EMAIL_TEXT: Record<Language, ConfirmEmailText> = {
  en: {
    subject: `Confirm your email address for ${PRODUCT_NAME}`,
    greeting: (name) => `Hello ${name},`,
    intro: `Thank you for creating a ${PRODUCT_NAME} account. Confirm your email address to start raising tickets.`,
    action: 'Confirm my email address',
    expiry: (hours) => `This link works once and expires in ${hours} hours.`,
    ignore: 'If you did not create this account, ignore this email.',
  },
  hi: {
    subject: `${PRODUCT_NAME} के लिए अपना ईमेल पता पुष्टि करें`,
    greeting: (name) => `नमस्ते ${name},`,
    intro: `${PRODUCT_NAME} खाता बनाने के लिए धन्यवाद। टिकट दर्ज करना शुरू करने के लिए अपना ईमेल पता पुष्टि करें।`,
    action: 'मेरा ईमेल पता पुष्टि करें',
    expiry: (hours) => `यह लिंक केवल एक बार काम करता है और ${hours} घंटे में समाप्त हो जाएगा।`,
    ignore: 'यदि आपने यह खाता नहीं बनाया है, तो इस ईमेल को अनदेखा करें।',
  },
  ta: {
    subject: `${PRODUCT_NAME} க்கான உங்கள் மின்னஞ்சல் முகவரியை உறுதிப்படுத்தவும்`,
    greeting: (name) => `வணக்கம் ${name},`,
    intro: `${PRODUCT_NAME} கணக்கை உருவாக்கியதற்கு நன்றி. டிக்கெட்டுகளை எழுப்பத் தொடங்க உங்கள் மின்னஞ்சல் முகவரியை உறுதிப்படுத்தவும்.`,
    action: 'என் மின்னஞ்சல் முகவரியை உறுதிப்படுத்து',
    expiry: (hours) => `இந்த இணைப்பு ஒருமுறை மட்டுமே செயல்படும், ${hours} மணி நேரத்தில் காலாவதியாகும்.`,
    ignore: 'இந்தக் கணக்கை நீங்கள் உருவாக்கவில்லை என்றால், இந்த மின்னஞ்சலைப் புறக்கணிக்கவும்.',
  },
};
