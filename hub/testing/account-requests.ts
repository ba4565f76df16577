// Raw HTTP calls for the account tests: sign-in from a chosen address (through
// X-Forwarded-For, for hubs that trust 127.0.0.1 as their proxy) and the
// bearer calls about one's own account. Answers come back as status and body,
// unparsed, so tests see exactly what crossed the wire.
export interface RawAnswer {
  status: number;
  body: { error?: { code: string; message: string }; token?: string; signedOut?: number } & Record<string, unknown>;
}

async function answer(response: Response): Promise<RawAnswer> {
  return { status: response.status, body: (await response.json()) as RawAnswer['body'] };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return answer(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close', ...headers },
      body: JSON.stringify(body),
    }),
  );
}

export function signInFrom(hubUrl: string, email: string, password: string, forwardedFor?: string): Promise<RawAnswer> {
  return postJson(`${hubUrl}/api/sign-in`, { email, password }, forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor });
}

export function bearer(token: string, forwardedFor?: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) };
}

export function countStatuses(answers: RawAnswer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
