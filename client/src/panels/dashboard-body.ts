/** The dashboard page's static markup (the webview fills #app); shared with the browser tests. */
export const DASHBOARD_BODY = '<div id="error" role="alert"></div><main id="app" aria-live="polite"></main>';
