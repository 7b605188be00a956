// Message catalogues. German is the source of keys; every other language must cover each key
// (enforced by the types in en/*.ts). Add a domain's texts as de/<domain>.ts + en/<domain>.ts and
// spread them below.
import { common as deCommon } from "./de/common";
import { common as enCommon } from "./en/common";

export const catalogues = {
  de: { ...deCommon },
  en: { ...enCommon },
};

export type MessageKey = keyof (typeof catalogues)["de"];
