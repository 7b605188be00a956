// Page titles in the user's language: "<page> – BIWAQ-Tracker" (the locale comes from the root loader).
import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translate, type MessageKey, type TranslateParams } from "~/utils/i18n";

type Match = { id: string; data?: unknown };

export function pageTitle(matches: Match[], key: MessageKey, params?: TranslateParams): MetaDescriptor[] {
  const rootLocale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  const locale = isLocale(rootLocale) ? rootLocale : DEFAULT_LOCALE;
  return [{ title: `${translate(locale, key, params)} – ${translate(locale, "app.name")}` }];
}
