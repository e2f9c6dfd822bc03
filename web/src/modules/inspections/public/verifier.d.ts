/** SHA-256 (hex) of the downloadable verifier /verify/zhijian-verify.mjs, defined by web/vite.config.ts. */
declare const __ZJ_VERIFIER_SHA256__: string;
