import type { ProviderSettings } from '../spec/provider-settings.js';

/** Settings of {@link createAnthropic}: key from `ANTHROPIC_API_KEY`, base URL from `ANTHROPIC_BASE_URL`. */
export interface AnthropicSettings extends ProviderSettings {}

/** Per-model settings of an Anthropic model. */
export interface AnthropicModelSettings {
  /**
   * Ask for structured output with native JSON-schema output (`output_config.format`) instead of
   * forced tool use. When the API rejects it (400), the model steps down to tool use once and
   * remembers that.
   */
  nativeStructuredOutput?: boolean;
}
