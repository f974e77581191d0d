// A test host for MCP Apps views in real Chromium (Debian's /usr/bin/chromium via playwright-core).
// The page holds the view in a sandboxed iframe (`allow-scripts` only: an opaque origin, stricter
// than real hosts) and relays postMessage traffic to Node, where the ext-apps package's own
// AppBridge speaks the host side of the protocol (and validates every message the view sends).
// The view's tools/call reach the real generated server through an SDK v2 client; each one is
// recorded.
import { AppBridge } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { Client } from '@modelcontextprotocol/client';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

const PAGE = `<!doctype html><html><head><style>body{margin:0;background:#fff}iframe{border:0;width:100%;display:block}</style></head>
<body><iframe id="view" sandbox="allow-scripts"></iframe>
<script>
  const frame = document.getElementById('view');
  window.addEventListener('message', (e) => { if (e.source === frame.contentWindow) window.__toHost(e.data); });
  window.__toView = (m) => frame.contentWindow.postMessage(m, '*');
</script></body></html>`;

/** A JSON-RPC transport between AppBridge (Node) and the view's window (through the page). */
class RelayTransport {
  onmessage?: (message: any) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  constructor(private readonly page: Page) {}
  async start(): Promise<void> {}
  async send(message: unknown): Promise<void> {
    await this.page.evaluate((m) => (window as any).__toView(m), message as any);
  }
  async close(): Promise<void> {
    this.onclose?.();
  }
}

export interface ToolCall {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

export interface ViewHost {
  readonly page: Page;
  /** The view's frame (after `show`). */
  frame(): Frame;
  /** The view's tools/call requests, in order. */
  readonly calls: ToolCall[];
  /** The sizes the view reported. */
  readonly sizes: { width?: number; height?: number }[];
  /** Loads `html`, completes the handshake, sends the call's input and result; resolves once initialized. */
  show(html: string, input: Record<string, unknown>, result: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface HostOptions {
  readonly theme?: 'light' | 'dark';
  readonly variables?: Record<string, string>;
  readonly width?: number;
}

export async function openHost(browser: Browser, client: Client, opts: HostOptions = {}): Promise<ViewHost> {
  const page = await browser.newPage({ viewport: { width: opts.width ?? 720, height: 600 } });
  const calls: ToolCall[] = [];
  const sizes: { width?: number; height?: number }[] = [];
  const transport = new RelayTransport(page);
  await page.exposeBinding('__toHost', (_source, message) => transport.onmessage?.(message));
  await page.setContent(PAGE);
  const bridge = new AppBridge(null, { name: 'mcp-gen test host', version: '1.0.0' }, { serverTools: {}, logging: {} }, {
    hostContext: { theme: opts.theme ?? 'light', platform: 'web', locale: 'en-US', ...(opts.variables ? { styles: { variables: opts.variables as never } } : {}) },
  });
  bridge.oncalltool = async (params) => {
    calls.push({ name: params.name, arguments: (params.arguments ?? {}) as Record<string, unknown> });
    return (await client.callTool(params)) as never;
  };
  bridge.onsizechange = (size) => {
    sizes.push(size);
    // A real host sizes the frame from what the view reports.
    if (size.height) void page.evaluate((h) => { (document.getElementById('view') as HTMLIFrameElement).style.height = `${h}px`; }, size.height);
  };
  let frame: Frame | undefined;
  return {
    page,
    calls,
    sizes,
    frame: () => frame!,
    async show(html, input, result) {
      const initialized = new Promise<void>((resolve) => { bridge.oninitialized = () => resolve(); });
      await bridge.connect(transport as never);
      await page.evaluate((srcdoc) => { (document.getElementById('view') as HTMLIFrameElement).srcdoc = srcdoc; }, html);
      await initialized;
      frame = page.frames().find((f) => f !== page.mainFrame());
      await bridge.sendToolInput({ arguments: input });
      await bridge.sendToolResult(result as never);
    },
    async close() {
      await bridge.close().catch(() => {});
      await page.close();
    },
  };
}
