/** The shape of a full USCC: 18 characters of its alphabet with the 6-digit region code in 3–8 (the check digit is the server's). */
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** True when `code` (already upper case, no spaces) has the shape of a full USCC. */
export const isFullUscc = (code: string) => USCC_SHAPE.test(code);

/** A USCC as typed into a search: spaces out, upper case; empty stays empty. */
export const usccOfInput = (v: string | undefined) => v?.replace(/\s/g, '').toUpperCase();
