// Translation: t(locale, key, params). Catalogues live in app/locales; no UI strings in code.
import { useRouteLoaderData } from "@remix-run/react";
import { catalogues, type MessageKey } from "~/locales";
import { formatDate, parseDate, type Locale } from "./format";

export const LOCALES = ["de", "en"] as const;
export const DEFAULT_LOCALE: Locale = "de";
export type { MessageKey, Locale };

export function isLocale(value: unknown): value is Locale {
  return value === "de" || value === "en";
}

export type TranslateParams = Record<string, string | number>;

/**
 * A catalogue key that carries its own placeholder values (`periods.locked?start=2026-01-01`), so an
 * error thrown deep in a service keeps its details through every form that shows `t(key)`.
 * ISO dates among the values are shown in the reader's date format.
 */
export function keyWithParams(key: MessageKey, params: TranslateParams): MessageKey {
  return `${key}?${new URLSearchParams(Object.entries(params).map(([name, value]) => [name, String(value)]))}` as MessageKey;
}

/** The text for `key` in `locale`, with `{name}` placeholders filled; falls back to German, then the key. */
export function translate(locale: Locale, key: MessageKey | string, params?: TranslateParams): string {
  const table = catalogues[locale] as Record<string, string>;
  const query = key.indexOf("?");
  if (query > 0 && !(key in table)) {
    const carried: TranslateParams = {};
    for (const [name, value] of new URLSearchParams(key.slice(query + 1))) {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : null;
      carried[name] = date ? formatDate(date, locale) : value;
    }
    key = key.slice(0, query);
    params = { ...carried, ...params };
  }
  let text = table[key] ?? (catalogues.de as Record<string, string>)[key] ?? key;
  const fill = params;
  if (fill) text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in fill ? String(fill[name]) : whole));
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
