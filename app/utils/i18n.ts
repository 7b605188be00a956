// Translation: t(locale, key, params). Catalogues live in app/locales; no UI strings in code.
import { useRouteLoaderData } from "@remix-run/react";
import { catalogues, type MessageKey } from "~/locales";
import type { Locale } from "./format";

export const LOCALES = ["de", "en"] as const;
export const DEFAULT_LOCALE: Locale = "de";
export type { MessageKey, Locale };

export function isLocale(value: unknown): value is Locale {
  return value === "de" || value === "en";
}

export type TranslateParams = Record<string, string | number>;

/** The text for `key` in `locale`, with `{name}` placeholders filled; falls back to German, then the key. */
export function translate(locale: Locale, key: MessageKey | string, params?: TranslateParams): string {
  const table = catalogues[locale] as Record<string, string>;
  let text = table[key] ?? (catalogues.de as Record<string, string>)[key] ?? key;
  if (params) text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  return text;
}

export type Translate = (key: MessageKey, params?: TranslateParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** The locale chosen for this request (from the root loader). */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}
