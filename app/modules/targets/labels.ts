// Display names of target indicators: ESF codes with their official name (Annex I), built-in figures
// and custom indicators from the catalogues. Pure: used on the pages and in the to-do list.
import { ESF_INDICATOR_LABELS } from "~/modules/reports/esf-indicators";
import type { Locale, Translate } from "~/utils/i18n";
import { CUSTOM_INDICATOR, indicatorLabelKey, isEsfIndicator, type BuiltInIndicator } from "./schema";

/** "EECO01 – Teilnehmende insgesamt", "Durchgeführte Aktivitäten", or a custom target's own name. */
export function indicatorLabel(t: Translate, locale: Locale, indicator: string, customName?: string | null): string {
  if (isEsfIndicator(indicator)) return `${indicator} – ${ESF_INDICATOR_LABELS[locale][indicator]}`;
  if (indicator === CUSTOM_INDICATOR) return customName || t(indicatorLabelKey(CUSTOM_INDICATOR));
  return t(indicatorLabelKey(indicator as BuiltInIndicator));
}
