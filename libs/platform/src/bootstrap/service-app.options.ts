export interface ServiceAppOptions {
  // Service name, as in PlatformModule.forRoot({ service }); used for logs and the OpenAPI title.
  name: string;
  // Defaults to PORT, then 3000.
  port?: number;
  // JSON body limit in bytes or a bytes string ("64kb"). Default 64kb.
  bodyLimit?: number | string;
  // Also accept application/x-www-form-urlencoded bodies (HTML form posts, e.g. decision links).
  acceptForms?: boolean;
  // OpenAPI document version and description.
  version?: string;
  description?: string;
  // Secrets that must be set, and not dev defaults, when NODE_ENV=production. JWT_SECRET is always checked.
  secrets?: string[];
}

export const DEFAULT_BODY_LIMIT = '64kb';
export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs/json';
