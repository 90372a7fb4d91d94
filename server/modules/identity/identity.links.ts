/** The web address that links in account mails point to (PUBLIC_URL, else this server on localhost). */
export function publicUrl(config: { PUBLIC_URL?: string | undefined; PORT: number }): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}
