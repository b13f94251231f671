/** Namespaces and content types of the Open XML package parts ND Plan writes. */
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** The content types of SpreadsheetML parts start with this. */
export const TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
