/** Human name of a provider family for the middle of a sentence. */
export function providerLabel(provider: string | undefined): string {
  switch (provider) {
    case 'anthropic':
      return 'Anthropic';
    case 'openai':
      return 'OpenAI';
    case 'openai-compatible':
      return 'the OpenAI-compatible server';
    case undefined:
      return 'the provider';
    default:
      return provider;
  }
}

/** The same text with its first letter upper-cased, to start a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
