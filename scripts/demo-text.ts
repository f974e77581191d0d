// What `npm run demo` prints: its knobs, and how to connect each client to the server it started.

export const KNOBS = `npm run demo knobs:
  PORT=3001 npm run demo            listen elsewhere (default 3000; PORT=0 picks a free port)
  npm run demo -- --smoke           connect a real MCP client, call a few tools, and exit
  npm run demo -- --oauth           also the built-in OAuth server, for Claude.ai / ChatGPT connectors
  npm run demo -- --mode compact    describe_models / query / mutate instead of one tool per model
  npm run demo -- --fresh           start over; otherwise .scratch/demo is kept as you edited it
  npm run demo -- --dir <path>      use another project folder`;

export interface ConnectInfo {
  /** The project folder, as the user would type it (.scratch/demo). */
  dir: string;
  url: string;
  baseUrl: string;
  key: string;
  oauth: boolean;
  mode: 'full' | 'compact';
}

export function connectHelp(c: ConnectInfo): string {
  const auth = `Authorization: Bearer ${c.key}`;
  const lines = [
    '',
    `MCP server: ${c.url}   (health: ${c.baseUrl}/healthz; ${c.mode} mode)`,
    `API key (shown once; user ann@example.com, scope read): ${c.key}`,
    '',
    'MCP Inspector:  npx @modelcontextprotocol/inspector',
    `                → Transport "Streamable HTTP", URL ${c.url}, header "${auth}"`,
    `Claude Code:    claude mcp add --transport http blog ${c.url} --header "${auth}"`,
    'Claude Desktop: add to claude_desktop_config.json (bridged with mcp-remote) →',
    '                { "mcpServers": { "blog": { "command": "npx",',
    `                  "args": ["-y", "mcp-remote", "${c.url}", "--header", "Authorization:\${AUTH_HEADER}"],`,
    `                  "env": { "AUTH_HEADER": "Bearer ${c.key}" } } } }`,
    `curl:           curl -s ${c.url} -H "${auth}" -H 'content-type: application/json' \\`,
    "                  -H 'accept: application/json, text/event-stream' \\",
    `                  -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`,
    '',
  ];
  if (c.oauth) {
    lines.push(
      'OAuth (built-in server; sign in with the API key above on its sign-in page):',
      `Claude Code:    claude mcp add --transport http blog ${c.url}   then /mcp → Authenticate`,
      'Claude.ai / Claude Desktop: Settings → Connectors → Add custom connector → URL <public https URL>/mcp',
      `                (Claude connects from the internet: expose ${c.baseUrl} through an https tunnel`,
      '                 or deploy it, and start it with MCP_PUBLIC_URL=<that https URL> and',
      '                 MCP_OAUTH_SECRET=$(openssl rand -base64 32))',
      'ChatGPT:        Settings → Connectors → Create → the same URL, authentication OAuth',
      `Discovery:      ${c.baseUrl}/.well-known/oauth-protected-resource/mcp`,
      '',
    );
  }
  lines.push(`Edit ${c.dir} (mcp-gen.config.ts, src/mcp/tools/) and rerun: your edits are kept.`, KNOBS, '');
  return lines.join('\n');
}
