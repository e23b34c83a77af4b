import { Ajv, type Options } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { App } from './types.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsImport as unknown as typeof addFormatsImport.default;

const common: Options = {
  useDefaults: true,
  // Unknown fields are refused (schemas say additionalProperties: false), never silently dropped.
  removeAdditional: false,
  allErrors: true,
  strict: false,
};

/**
 * Bodies are checked strictly: "12" is not a number. Query strings and path parameters are text on
 * the wire, so those are coerced.
 */
export function registerValidation(app: App): void {
  const bodyAjv = addFormats(new Ajv({ ...common, coerceTypes: false }));
  const textAjv = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema),
  );
}
