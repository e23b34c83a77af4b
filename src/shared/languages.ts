/** Languages of the UI and of the people: customers prefer one, agents speak several. */
export const LANGUAGES = ['en', 'hi', 'ta'] as const;
export type Language = (typeof LANGUAGES)[number];
