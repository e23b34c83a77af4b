import type { Language } from '../../../shared/languages.js';
import type { TicketStatus } from '../../../shared/tickets.js';

/**
 * What the ticket emails say, per language. Every value a sentence takes (reference, subject, names,
 * links) is passed in already prepared for its medium: raw for the plain text, HTML-escaped for the
 * HTML part. The sentences themselves hold no markup.
 */
export interface TicketTextParams {
  product: string;
  name: string;
  reference: string;
  subject: string;
  agent: string;
  customer: string;
  from: string;
  to: string;
  days: string;
}

type Line = (p: TicketTextParams) => string;

export interface TicketTexts {
  hello: Line;
  received: { subject: Line; body: Line; action: string };
  assigned: { subject: Line; body: Line; action: string };
  assignedToYou: { subject: Line; body: Line; action: string };
  statusChanged: { subject: Line; body: Line; action: string };
  resolved: { subject: Line; body: Line; action: string };
  status: Record<TicketStatus, string>;
  /** Why the customer gets this email, and how to stop it. */
  unsubscribeReason: Line;
  unsubscribe: string;
}

const en: TicketTexts = {
  hello: (p) => `Hello ${p.name},`,
  received: {
    subject: (p) => `${p.product}: we received your ticket ${p.reference}`,
    body: (p) =>
      `Thank you for contacting us. Your ticket ${p.reference} “${p.subject}” was received; we will get back to you soon.`,
    action: 'View your ticket',
  },
  assigned: {
    subject: (p) => `${p.product}: ${p.agent} is looking after your ticket ${p.reference}`,
    body: (p) =>
      `${p.agent} from our support team is now looking after your ticket ${p.reference} “${p.subject}”.`,
    action: 'View your ticket',
  },
  assignedToYou: {
    subject: (p) => `${p.product}: ticket ${p.reference} was assigned to you`,
    body: (p) => `The ticket ${p.reference} “${p.subject}” from ${p.customer} was assigned to you.`,
    action: 'Open the ticket',
  },
  statusChanged: {
    subject: (p) => `${p.product}: your ticket ${p.reference} is now ${p.to}`,
    body: (p) => `The status of your ticket ${p.reference} “${p.subject}” changed from ${p.from} to ${p.to}.`,
    action: 'View your ticket',
  },
  resolved: {
    subject: (p) => `${p.product}: your ticket ${p.reference} was resolved`,
    body: (p) =>
      `Your ticket ${p.reference} “${p.subject}” was marked as resolved. If the problem is not solved, you can reopen it within ${p.days} days. You can also rate the help you received.`,
    action: 'Reopen or rate your ticket',
  },
  status: {
    open: 'Open',
    assigned: 'Assigned',
    in_progress: 'In progress',
    waiting_on_customer: 'Waiting on customer',
    resolved: 'Resolved',
    reopened: 'Reopened',
    closed: 'Closed',
  },
  unsubscribeReason: (p) => `You receive these emails about your tickets at ${p.product}.`,
  unsubscribe: 'Unsubscribe from ticket updates',
};

const hi: TicketTexts = {
  hello: (p) => `नमस्ते ${p.name},`,
  received: {
    subject: (p) => `${p.product}: हमें आपका टिकट ${p.reference} मिल गया है`,
    body: (p) =>
      `हमसे संपर्क करने के लिए धन्यवाद। आपका टिकट ${p.reference} “${p.subject}” हमें मिल गया है; हम जल्द ही आपसे संपर्क करेंगे।`,
    action: 'अपना टिकट देखें',
  },
  assigned: {
    subject: (p) => `${p.product}: ${p.agent} आपका टिकट ${p.reference} देख रहे हैं`,
    body: (p) => `हमारी सहायता टीम से ${p.agent} अब आपका टिकट ${p.reference} “${p.subject}” देख रहे हैं।`,
    action: 'अपना टिकट देखें',
  },
  assignedToYou: {
    subject: (p) => `${p.product}: टिकट ${p.reference} आपको सौंपा गया`,
    body: (p) => `${p.customer} का टिकट ${p.reference} “${p.subject}” आपको सौंपा गया है।`,
    action: 'टिकट खोलें',
  },
  statusChanged: {
    subject: (p) => `${p.product}: आपके टिकट ${p.reference} की स्थिति अब ${p.to} है`,
    body: (p) => `आपके टिकट ${p.reference} “${p.subject}” की स्थिति ${p.from} से बदलकर ${p.to} हो गई है।`,
    action: 'अपना टिकट देखें',
  },
  resolved: {
    subject: (p) => `${p.product}: आपका टिकट ${p.reference} हल हो गया`,
    body: (p) =>
      `आपका टिकट ${p.reference} “${p.subject}” हल किया गया है। अगर समस्या हल नहीं हुई है, तो आप इसे ${p.days} दिनों के भीतर फिर से खोल सकते हैं। आप मिली सहायता को रेटिंग भी दे सकते हैं।`,
    action: 'टिकट फिर से खोलें या रेटिंग दें',
  },
  status: {
    open: 'खुला',
    assigned: 'सौंपा गया',
    in_progress: 'प्रगति में',
    waiting_on_customer: 'ग्राहक की प्रतीक्षा',
    resolved: 'हल हुआ',
    reopened: 'फिर से खुला',
    closed: 'बंद',
  },
  unsubscribeReason: (p) => `आपको ये ईमेल ${p.product} पर आपके टिकटों के बारे में मिलते हैं।`,
  unsubscribe: 'टिकट अपडेट की सदस्यता समाप्त करें',
};

const ta: TicketTexts = {
  hello: (p) => `வணக்கம் ${p.name},`,
  received: {
    subject: (p) => `${p.product}: உங்கள் டிக்கெட் ${p.reference} பெறப்பட்டது`,
    body: (p) =>
      `எங்களைத் தொடர்பு கொண்டதற்கு நன்றி. உங்கள் டிக்கெட் ${p.reference} “${p.subject}” பெறப்பட்டது; விரைவில் உங்களைத் தொடர்பு கொள்வோம்.`,
    action: 'உங்கள் டிக்கெட்டைப் பார்க்க',
  },
  assigned: {
    subject: (p) => `${p.product}: ${p.agent} உங்கள் டிக்கெட் ${p.reference}-ஐக் கவனித்து வருகிறார்`,
    body: (p) =>
      `எங்கள் உதவிக் குழுவைச் சேர்ந்த ${p.agent} இப்போது உங்கள் டிக்கெட் ${p.reference} “${p.subject}”-ஐக் கவனித்து வருகிறார்.`,
    action: 'உங்கள் டிக்கெட்டைப் பார்க்க',
  },
  assignedToYou: {
    subject: (p) => `${p.product}: டிக்கெட் ${p.reference} உங்களுக்கு ஒதுக்கப்பட்டது`,
    body: (p) => `${p.customer} அவர்களின் டிக்கெட் ${p.reference} “${p.subject}” உங்களுக்கு ஒதுக்கப்பட்டது.`,
    action: 'டிக்கெட்டைத் திற',
  },
  statusChanged: {
    subject: (p) => `${p.product}: உங்கள் டிக்கெட் ${p.reference} இப்போது ${p.to}`,
    body: (p) =>
      `உங்கள் டிக்கெட் ${p.reference} “${p.subject}”-இன் நிலை ${p.from} என்பதிலிருந்து ${p.to} என மாறியது.`,
    action: 'உங்கள் டிக்கெட்டைப் பார்க்க',
  },
  resolved: {
    subject: (p) => `${p.product}: உங்கள் டிக்கெட் ${p.reference} தீர்க்கப்பட்டது`,
    body: (p) =>
      `உங்கள் டிக்கெட் ${p.reference} “${p.subject}” தீர்க்கப்பட்டதாகக் குறிக்கப்பட்டது. சிக்கல் தீரவில்லை என்றால், ${p.days} நாட்களுக்குள் அதை மீண்டும் திறக்கலாம். நீங்கள் பெற்ற உதவியை மதிப்பிடவும் செய்யலாம்.`,
    action: 'டிக்கெட்டை மீண்டும் திற அல்லது மதிப்பிடு',
  },
  status: {
    open: 'திறந்தது',
    assigned: 'ஒதுக்கப்பட்டது',
    in_progress: 'செயல்பாட்டில்',
    waiting_on_customer: 'வாடிக்கையாளருக்காகக் காத்திருக்கிறது',
    resolved: 'தீர்க்கப்பட்டது',
    reopened: 'மீண்டும் திறக்கப்பட்டது',
    closed: 'மூடப்பட்டது',
  },
  unsubscribeReason: (p) => `${p.product}-இல் உள்ள உங்கள் டிக்கெட்டுகள் பற்றி இந்த மின்னஞ்சல்களைப் பெறுகிறீர்கள்.`,
  unsubscribe: 'டிக்கெட் அறிவிப்புகளிலிருந்து விலகு',
};

export const TICKET_TEXTS: Record<Language, TicketTexts> = { en, hi, ta };
