import type { Language } from '../../../shared/languages.js';

export const PRODUCT_NAME = 'Customer Care Registry';

export interface PasswordResetText {
  subject: string;
  greeting: (name: string) => string;
  intro: string;
  action: string;
  expiry: (minutes: number) => string;
  ignore: string;
}

/** The password reset email in each language of the app. */
export const PASSWORD_RESET_TEXT: Record<Language, PasswordResetText> = {
  en: {
    subject: `Reset your ${PRODUCT_NAME} password`,
    greeting: (name) => `Hello ${name},`,
    intro: `We received a request to reset the password of your ${PRODUCT_NAME} account.`,
    action: 'Choose a new password',
    expiry: (minutes) => `This link works once and expires in ${minutes} minutes.`,
    ignore: 'If you did not ask for this, ignore this email: your password stays the same.',
  },
  hi: {
    subject: `अपना ${PRODUCT_NAME} पासवर्ड रीसेट करें`,
    greeting: (name) => `नमस्ते ${name},`,
    intro: `हमें आपके ${PRODUCT_NAME} खाते का पासवर्ड रीसेट करने का अनुरोध मिला है।`,
    action: 'नया पासवर्ड चुनें',
    expiry: (minutes) => `यह लिंक केवल एक बार काम करता है और ${minutes} मिनट में समाप्त हो जाएगा।`,
    ignore: 'यदि आपने यह अनुरोध नहीं किया है, तो इस ईमेल को अनदेखा करें: आपका पासवर्ड नहीं बदलेगा।',
  },
  ta: {
    subject: `உங்கள் ${PRODUCT_NAME} கடவுச்சொல்லை மீட்டமைக்கவும்`,
    greeting: (name) => `வணக்கம் ${name},`,
    intro: `உங்கள் ${PRODUCT_NAME} கணக்கின் கடவுச்சொல்லை மீட்டமைக்க ஒரு கோரிக்கை வந்துள்ளது.`,
    action: 'புதிய கடவுச்சொல்லைத் தேர்ந்தெடுக்கவும்',
    expiry: (minutes) => `இந்த இணைப்பு ஒருமுறை மட்டுமே செயல்படும், ${minutes} நிமிடங்களில் காலாவதியாகும்.`,
    ignore: 'இதை நீங்கள் கோரவில்லை என்றால், இந்த மின்னஞ்சலைப் புறக்கணிக்கவும்: உங்கள் கடவுச்சொல் மாறாது.',
  },
};
