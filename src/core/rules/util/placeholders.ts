/**
 * What counts as unfilled template text (pure). `placeholder-text` reports these; other rules stay
 * silent where they appear (`hasTemplateText`), so one unfinished value gives one finding, not three.
 */

/** `{{COMPANY_NAME}}`, `{{ company name }}`: Mustache/Handlebars-style template variables in prose. */
export const DOUBLE_CURLY = /(?<!\{)\{\{[^\S\r\n]*([\p{L}_][\p{L}\p{N}_ .'’/&-]{0,79}?)[^\S\r\n]*\}\}(?!\})/gu;

/**
 * `${COMPANY_NAME}` in prose: an upper-case name (template style). Never in code, where it is a real
 * variable, nor in a shell line written as prose (see `SHELL_LINE`).
 */
export const DOLLAR_CURLY = /(?<![\\$\p{L}\p{N}_])\$\{([A-Z_][A-Z0-9_]{0,63})\}/gu;

/** A line of shell written outside code: flags, `$(…)`, pipes, `&&`, assignments, a `$ ` prompt. */
export const SHELL_LINE = /(?:^|\s)--?[a-z][\w-]*|\$\(|\s\|\s|&&|[\w}]=\S|^\s*(?:[-*+]\s+)?\$\s|\b(?:sudo|export|echo|cd|kubectl|gcloud|aws|az|curl|ssh|docker)\s/;

/** `%COMPANY_NAME%`: an upper-case name with an underscore, in prose. */
export const PERCENT_VAR = /(?<![\p{L}\p{N}_%])%([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)%(?![\p{L}\p{N}_%])/gu;

/**
 * Environment variables a shell or Windows line names on purpose (`${HOME}`, `%USER_PROFILE%`):
 * a reference to one of them is real text, not a slot to fill in.
 */
const ENV_VARS = new Set(
  (
    'HOME PATH USER USERNAME LOGNAME PWD OLDPWD SHELL TERM TMPDIR TMP TEMP HOSTNAME HOST LANG LC_ALL EDITOR PAGER DISPLAY UID EUID ' +
    'XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR KUBECONFIG AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION ' +
    'GITHUB_TOKEN GITHUB_SHA GITHUB_REF CI_COMMIT_SHA BUILD_NUMBER JAVA_HOME GOPATH NODE_ENV PYTHONPATH LD_LIBRARY_PATH ' +
    'PROGRAMFILES PROGRAMDATA APPDATA LOCALAPPDATA USERPROFILE SYSTEMROOT WINDIR COMPUTERNAME USERDOMAIN PROCESSOR_ARCHITECTURE ' +
    'NUMBER_OF_PROCESSORS COMMONPROGRAMFILES HOMEDRIVE HOMEPATH SYSTEMDRIVE ALLUSERSPROFILE PUBLIC OS'
  ).split(' '),
);

export function isEnvVar(name: string): boolean {
  return ENV_VARS.has(name.toUpperCase());
}

/**
 * A phone number with `X` for digits: `+1-XXX-XXX-XXXX`, `(XXX) XXX-XXXX`, `555-XXXX`, `xxx.xxx.xxxx`.
 * At least one group is all X (upper or lower case), the groups have phone-number lengths.
 */
export const PHONE_TEMPLATE = /(?<![\p{L}\p{N}_+])(?:\+(?:\d{1,3}|X{1,3})[^\S\r\n]?[-.]?[^\S\r\n]?)?(?:\((?:\d{3}|[Xx]{3})\)[^\S\r\n]?|(?:\d{3}|[Xx]{3})[-.\s])?(?:\d{3}|[Xx]{3})[-.](?:\d{4}|[Xx]{4})(?![\p{L}\p{N}_])/gu;

export function isPhoneTemplate(text: string): boolean {
  return /(?:^|[^\p{L}])[Xx]{3,4}(?:[^\p{L}]|$)/u.test(text);
}

/** `YYYY-MM-DD`, `DD/MM/YYYY`, `MM/DD/YY`, `DD.MM.YYYY`, `DD-MMM-YYYY`, `YYYY`-less `MM/YYYY`. */
export const DATE_TEMPLATE = /(?<![\p{L}\p{N}_])(?:YYYY[-/.]MM(?:[-/.]DD)?|(?:DD|MM)[-/.](?:MM|DD|MMM)[-/.](?:YYYY|YY)|MM[-/.]YYYY)(?![\p{L}\p{N}_])/gu;

/** A sentence that describes a date format ("dates use the format YYYY-MM-DD") rather than leaving a blank. */
export const FORMAT_CONTEXT = /\b(?:formats?|formatted|notation|ISO[ -]?8601|in the form|(?:written|logged|given|shown|recorded|entered|stored|expressed|displayed) as)\b/i;

/** Signature and fill-in blanks: `Signature: ________`, `Date: \_\_\_\_`. */
export const BLANK_LINE = /(?<![\p{L}\p{N}])(?:_{4,}|(?:\\_){3,})(?![\p{L}\p{N}])/gu;

/**
 * Words that name the value a template asks for (`[Name]`, `[Department/Agency Name]`, `[Phone Number]`,
 * `[System Name]`, `[date]`, `[version]`). Square brackets are also used for UI paths (`[Status] -> [Targets]`),
 * log tags (`[ERR]`), status badges (`[Deprecated]`) and broken links, so a bracket is a placeholder only
 * when it names such a value, starts with an instruction verb, gives an example or lists options.
 */
const VALUE_NOUNS = new Set(
  (
    'name names title date dates time day days month year hour hours minutes phone telephone mobile cell number numbers email e-mail address ' +
    'department agency organization organisation org company business unit division team group role person contact contacts owner manager ' +
    'lead coordinator vendor provider supplier site location building room floor city country region ' +
    'zone cluster host hostname server instance environment env version id identifier url account username user login ticket ' +
    'value amount cost percentage figure duration rto rpo mtd placeholder description threshold frequency interval period'
  ).split(' '),
);
// An instruction needs an object: `[Describe the strategy]` yes, the `[Enter]` key or an `[Add]` button no.
const INSTRUCTION = /^(?:insert|enter|add|describe|list|specify|provide|fill|replace|type|put|include|your|define|state|identify|explain|select|choose|summari[sz]e|attach|update)\s+\S/i;
/** `[THRESHOLD, e.g., 1 hour]`, `[such as the CIO]`: the template explains what to write. */
const EXAMPLE_HINT = /(?:^|[\s,(;])(?:e\.\s?g\.|i\.\s?e\.|eg\.|for example|for instance|such as)(?:[\s,:]|$)/i;
/** Fixed pairs that are option lists without spaces (`[Yes/No]`). */
const OPTION_PAIRS = /^(?:yes\/no|y\/n|true\/false|on\/off|pass\/fail|open\/closed)$/i;

/** `[Low / Moderate / High]`, `[Yes/No]`, `[Primary | Alternate]`, `[Daily or Weekly]`. */
function isOptionList(t: string): boolean {
  if (OPTION_PAIRS.test(t)) return true;
  const spaced = t.split(/\s+(?:\/|\||or)\s+/i);
  const tight = t.split('/');
  const parts = spaced.length >= 2 ? spaced : tight.length >= 3 ? tight : [];
  return parts.length >= 2 && parts.every((p) => /^\p{L}[\p{L}\p{N}'’-]*(?:\s[\p{L}\p{N}'’-]+){0,2}$/u.test(p.trim()));
}

/** `[ORGANIZATION NAME]`, `[PLAN OWNER]`: two or more upper-case words are a template slot, not a log tag. */
function isUpperSlot(t: string): boolean {
  const words = t.split(/\s+/).filter(Boolean);
  return words.length >= 2 && words.every((w) => /^\p{Lu}{2,}$/u.test(w) || /^(?:OF|OR|AND|THE|\d+)$/.test(w));
}

/** Whether the inside of `[…]` is template text (see `VALUE_NOUNS`). */
export function bracketIsTemplate(inner: string): boolean {
  const t = inner.trim();
  if (t === '' || /^[xX✓✔]$/.test(t)) return false; // task box `[ ]`, `[x]`
  if (/^[\^!]/.test(t)) return false; // footnote `[^1]`, GitHub alert `[!NOTE]`
  if (!/^\p{L}/u.test(t)) return false; // `[1]` citations, `[-]`, `[*]`
  if (/\.(?:md|html?|ya?ml|json|sh)$/i.test(t)) return false; // file names of broken links
  if (EXAMPLE_HINT.test(t) && /\p{L}{3,}/u.test(t)) return true;
  if (/[=:"`<>{}]|\.\.\./.test(t)) return false; // option syntax, code-ish
  if (isOptionList(t)) return true;
  if (/\|/.test(t)) return false;
  if (INSTRUCTION.test(t)) return true;
  if (isUpperSlot(t)) return true;
  return t.split(/[^\p{L}\p{N}]+/u).some((word) => VALUE_NOUNS.has(word.toLowerCase()));
}

/**
 * A code span that is itself a placeholder: it starts with a marker (`` `TODO: add the bridge` ``,
 * `` `TBD` ``) or is wholly a template slot (`` `[ORGANIZATION NAME]` ``, `` `{{COMPANY_NAME}}` ``).
 * Code that merely contains such text (`` `export X=${HOME}` ``, `` `grep TODO src/` ``) is real code.
 */
export function codeSpanIsPlaceholder(value: string): boolean {
  const t = value.trim();
  if (!t) return false;
  // Not `XXX`: "replace `XXX` in the file name" names a spot in code on purpose.
  if (/^(?:TODO|TBD|TBC|FIXME)(?:$|[\s:(-])/.test(t)) return true;
  if (/^(?:tbd|to be (?:determined|confirmed|decided))$/i.test(t)) return true;
  const bracket = /^\[([^\[\]\r\n]{1,100})\]$/.exec(t);
  if (bracket && bracketIsTemplate(bracket[1]!) && !/^(?:[a-z0-9_-]+)$/.test(bracket[1]!)) return true;
  if (new RegExp(`^${DOUBLE_CURLY.source}$`, 'u').test(t)) return true;
  if (/^\[insert\b[^\]]*\]$/i.test(t)) return true;
  return false;
}

/**
 * Template text that `placeholder-text` reports: `[insert …]`, TBD, TODO, TBC, `{{…}}`, an X-digit
 * phone number. Other rules use it to stay silent on an unfinished value.
 */
const TEMPLATE_TEXT = /\[insert\b[^\]]*\]|\bTBD\b|\bTODO\b|\bTBC\b|\{\{[^{}]*\}\}/i;

export function hasTemplateText(text: string): boolean {
  if (TEMPLATE_TEXT.test(text)) return true;
  for (const m of text.matchAll(PHONE_TEMPLATE)) if (isPhoneTemplate(m[0])) return true;
  return false;
}
