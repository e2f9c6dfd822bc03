/** The address of an enterprise's detail page. */
export const enterprisePath = (uscc: string) => `/enterprises/${encodeURIComponent(uscc)}`;
