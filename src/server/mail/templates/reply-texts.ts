import type { Language } from '../../../shared/languages.js';

/**
 * What the reply emails say, per language. As in ticket-texts.ts, the values come prepared for their
 * medium (raw for the text, HTML-escaped for the HTML) and the sentences hold no markup.
 */
export interface ReplyTextParams {
  product: string;
  reference: string;
  subject: string;
  /** How many replies the email is about (at least 1). */
  count: number;
}

type Line = (p: ReplyTextParams) => string;

interface ReplyAudienceTexts {
  /** One reply, and several. */
  subject: { one: Line; many: Line };
  intro: { one: Line; many: Line };
  action: string;
}

export interface ReplyTexts {
  /** A reply from our team, to the customer. */
  toCustomer: ReplyAudienceTexts;
  /** A reply from the customer, to the ticket's agent. */
  toAgent: ReplyAudienceTexts;
  wrote: (author: string) => string;
  /** The replies beyond those the email lists. */
  more: (count: number) => string;
}

const en: ReplyTexts = {
  toCustomer: {
    subject: {
      one: (p) => `${p.product}: new reply on your ticket ${p.reference}`,
      many: (p) => `${p.product}: ${p.count} new replies on your ticket ${p.reference}`,
    },
    intro: {
      one: (p) => `There is a new reply on your ticket ${p.reference} “${p.subject}”:`,
      many: (p) => `There are ${p.count} new replies on your ticket ${p.reference} “${p.subject}”:`,
    },
    action: 'View the conversation and reply',
  },
  toAgent: {
    subject: {
      one: (p) => `${p.product}: new reply from the customer on ticket ${p.reference}`,
      many: (p) => `${p.product}: ${p.count} new replies from the customer on ticket ${p.reference}`,
    },
    intro: {
      one: (p) => `The customer replied on ticket ${p.reference} “${p.subject}”:`,
      many: (p) => `The customer sent ${p.count} replies on ticket ${p.reference} “${p.subject}”:`,
    },
    action: 'Open the ticket',
  },
  wrote: (author) => `${author} wrote:`,
  more: (count) => `…and ${count} more. Read them all on the ticket’s page.`,
};

const hi: ReplyTexts = {
  toCustomer: {
    subject: {
      one: (p) => `${p.product}: आपके टिकट ${p.reference} पर नया जवाब`,
      many: (p) => `${p.product}: आपके टिकट ${p.reference} पर ${p.count} नए जवाब`,
    },
    intro: {
      one: (p) => `आपके टिकट ${p.reference} “${p.subject}” पर एक नया जवाब आया है:`,
      many: (p) => `आपके टिकट ${p.reference} “${p.subject}” पर ${p.count} नए जवाब आए हैं:`,
    },
    action: 'बातचीत देखें और जवाब दें',
  },
  toAgent: {
    subject: {
      one: (p) => `${p.product}: टिकट ${p.reference} पर ग्राहक का नया जवाब`,
      many: (p) => `${p.product}: टिकट ${p.reference} पर ग्राहक के ${p.count} नए जवाब`,
    },
    intro: {
      one: (p) => `ग्राहक ने टिकट ${p.reference} “${p.subject}” पर जवाब दिया है:`,
      many: (p) => `ग्राहक ने टिकट ${p.reference} “${p.subject}” पर ${p.count} जवाब भेजे हैं:`,
    },
    action: 'टिकट खोलें',
  },
  wrote: (author) => `${author} ने लिखा:`,
  more: (count) => `…और ${count} जवाब। सभी जवाब टिकट के पेज पर पढ़ें।`,
};

const ta: ReplyTexts = {
  toCustomer: {
    subject: {
      one: (p) => `${p.product}: உங்கள் டிக்கெட் ${p.reference}-இல் புதிய பதில்`,
      many: (p) => `${p.product}: உங்கள் டிக்கெட் ${p.reference}-இல் ${p.count} புதிய பதில்கள்`,
    },
    intro: {
      one: (p) => `உங்கள் டிக்கெட் ${p.reference} “${p.subject}”-இல் ஒரு புதிய பதில் வந்துள்ளது:`,
      many: (p) => `உங்கள் டிக்கெட் ${p.reference} “${p.subject}”-இல் ${p.count} புதிய பதில்கள் வந்துள்ளன:`,
    },
    action: 'உரையாடலைப் பார்த்துப் பதிலளிக்க',
  },
  toAgent: {
    subject: {
      one: (p) => `${p.product}: டிக்கெட் ${p.reference}-இல் வாடிக்கையாளரின் புதிய பதில்`,
      many: (p) => `${p.product}: டிக்கெட் ${p.reference}-இல் வாடிக்கையாளரின் ${p.count} புதிய பதில்கள்`,
    },
    intro: {
      one: (p) => `வாடிக்கையாளர் டிக்கெட் ${p.reference} “${p.subject}”-இல் பதிலளித்துள்ளார்:`,
      many: (p) => `வாடிக்கையாளர் டிக்கெட் ${p.reference} “${p.subject}”-இல் ${p.count} பதில்களை அனுப்பியுள்ளார்:`,
    },
    action: 'டிக்கெட்டைத் திற',
  },
  wrote: (author) => `${author} எழுதியது:`,
  more: (count) => `…மேலும் ${count} பதில்கள். அனைத்தையும் டிக்கெட்டின் பக்கத்தில் படிக்கவும்.`,
};

export const REPLY_TEXTS: Record<Language, ReplyTexts> = { en, hi, ta };
