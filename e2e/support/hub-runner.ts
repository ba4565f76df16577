// A desktop that runs its own hub (a workspace started on this computer) with
// invitation email set up, as the person who runs the hub has it: the state
// the Hub settings screen is checked in by the accessibility and words specs.
import type { Desktop } from './desktop';
import { startDesktop } from './desktop';
import { OWNER_PASSWORD } from './fixtures';

export async function startHubRunner(mailSecurity: 'none' | 'starttls' | 'tls'): Promise<Desktop> {
  const desktop = await startDesktop();
  try {
    await desktop.api['setup.startLocalWorkspace']({
      organizationName: 'Acme',
      workspaceName: 'Support',
      plan: 'advanced',
      ownerName: 'Olive Owner',
      ownerEmail: 'olive@example.com',
      password: OWNER_PASSWORD,
      isShared: false,
      address: null,
    });
    await desktop.api['hubSettings.setMail']({ host: '127.0.0.1', port: 2525, security: mailSecurity, user: 'hub@example.com', password: 'smtp-secret-1', from: 'hub@example.com' });
    return desktop;
  } catch (error) {
    await desktop.stop();
    throw error;
  }
}
