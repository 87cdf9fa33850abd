import * as vscode from 'vscode';

/** Webview options: scripts on, and nothing but the webview bundle folder loadable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

/**
 * A webview page under a strict Content-Security-Policy: nothing by default, the script only by a
 * fresh nonce, styles and images only from the bundle folder. `body` is our own static markup.
 */
export function webviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  name: string,
  title: string,
  body: string,
): string {
  // Web Crypto: the extension also runs in a browser's web worker, where Node's crypto is absent.
  const nonce = btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(16))));
  const asset = (file: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource}; font-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('theme.css')}">
<link rel="stylesheet" href="${asset(`${name}.css`)}">
<title>${title}</title>
</head>
<body>
${body}
<script nonce="${nonce}" src="${asset(`${name}.js`)}"></script>
</body>
</html>`;
}

/** Calls `refresh` about 40 ms after the last change to any worksheet or CSV, typed or on disk. */
export function onWorksheetChange(refresh: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, 40);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(
    '**/{*.pdsa.yaml,*.factors.yaml,*.collaborative.yaml,*.csv}',
  );
  return vscode.Disposable.from(
    { dispose: () => timer && clearTimeout(timer) },
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === 'pdsa-yaml' || e.document.fileName.endsWith('.csv')) schedule();
    }),
    watcher,
    watcher.onDidChange(schedule),
    watcher.onDidCreate(schedule),
    watcher.onDidDelete(schedule),
  );
}
