import type { Language } from '../../../shared/languages.js';
import { PRODUCT_NAME } from './password-reset.text.js';

export interface SignInCodeText {
  subject: string;
  greeting: (name: string) => string;
  intro: string;
  expiry: (minutes: number) => string;
  where: string;
  unknownBrowser: string;
  notYou: string;
  changePassword: string;
}

/** The new-device sign-in code email in each language of the app. The code is never in the subject. */
export const SIGN_IN_CODE_TEXT: Record<Language, SignInCodeText> = {
  en: {
    subject: `Your ${PRODUCT_NAME} sign-in code`,
    greeting: (name) => `Hello ${name},`,
    intro: `Someone signed in to your ${PRODUCT_NAME} account from a browser it has not used before. Enter this code to finish signing in:`,
    expiry: (minutes) => `The code expires in ${minutes} minutes and works once.`,
    where: 'Signing in from',
    unknownBrowser: 'an unknown browser',
    notYou:
      'If this wasn’t you, someone knows your password: do not share this code, and change your password now.',
    changePassword: 'Change your password',
  },
  hi: {
    subject: `आपका ${PRODUCT_NAME} साइन-इन कोड`,
    greeting: (name) => `नमस्ते ${name},`,
    intro: `किसी ने आपके ${PRODUCT_NAME} खाते में ऐसे ब्राउज़र से साइन इन किया है जिसका पहले उपयोग नहीं हुआ। साइन इन पूरा करने के लिए यह कोड डालें:`,
    expiry: (minutes) => `यह कोड ${minutes} मिनट में समाप्त हो जाएगा और केवल एक बार काम करता है।`,
    where: 'साइन इन यहाँ से हो रहा है',
    unknownBrowser: 'एक अज्ञात ब्राउज़र',
    notYou: 'यदि यह आप नहीं थे, तो किसी को आपका पासवर्ड पता है: यह कोड किसी को न बताएँ और अभी अपना पासवर्ड बदलें।',
    changePassword: 'अपना पासवर्ड बदलें',
  },
  ta: {
    subject: `உங்கள் ${PRODUCT_NAME} உள்நுழைவுக் குறியீடு`,
    greeting: (name) => `வணக்கம் ${name},`,
    intro: `இதுவரை பயன்படுத்தப்படாத ஒரு உலாவியிலிருந்து உங்கள் ${PRODUCT_NAME} கணக்கில் யாரோ உள்நுழைந்துள்ளனர். உள்நுழைவை முடிக்க இந்தக் குறியீட்டை உள்ளிடவும்:`,
    expiry: (minutes) => `இந்தக் குறியீடு ${minutes} நிமிடங்களில் காலாவதியாகும், ஒருமுறை மட்டுமே செயல்படும்.`,
    where: 'உள்நுழையும் இடம்',
    unknownBrowser: 'அறியப்படாத உலாவி',
    notYou:
      'இது நீங்கள் இல்லையென்றால், உங்கள் கடவுச்சொல் வேறொருவருக்குத் தெரியும்: இந்தக் குறியீட்டைப் பகிர வேண்டாம், உடனே உங்கள் கடவுச்சொல்லை மாற்றவும்.',
    changePassword: 'உங்கள் கடவுச்சொல்லை மாற்றவும்',
  },
};
