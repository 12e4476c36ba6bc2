import type { ServerConfig } from './config';
import type { RunningDesk } from './main';

/** What a newcomer needs after `npm start`: where things are and how to sign in. */
export function printBanner(desk: RunningDesk, config: ServerConfig, extra: string[] = []): void {
  const { server } = desk;
  const lines = [
    '',
    'Agent Desk is running',
    `  Desk server      ${server.url}   (health: ${server.url}/health)`,
    `  Customer chat    ${server.url}/chat/`,
    `  Data directory   ${config.dataDir}${desk.seeded ? '   (demo world created)' : ''}`,
    `  Mail in          ${server.smtpPort ? `smtp://${config.host}:${server.smtpPort}, to ${server.services.mail.supportAddress}` : 'off (--smtp-port N to turn on)'}`,
    `  Mail out         ${server.services.mail.outgoing}${config.mail.relay ? '' : '   (one .eml file per reply; --smtp-relay to send)'}`,
    `  Simulator        ${desk.simulator ? `on, ${config.simulatorChatsPerMinute} chats/min (--no-simulator to turn off)` : 'off'}`,
    ...extra,
  ];
  if (desk.demoAgents.length) {
    const pick = (role: string) => desk.demoAgents.find((a) => a.role === role);
    lines.push('', '  Demo sign-in (every demo agent shares this password):');
    for (const a of [pick('agent'), pick('senior'), pick('supervisor')].filter(Boolean)) lines.push(`    ${a!.role.padEnd(11)} ${a!.email}   password: ${a!.password}`);
  }
  lines.push('', 'Press Ctrl+C to stop.', '');
  console.log(lines.join('\n'));
}
