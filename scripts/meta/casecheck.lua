---@meta casecheck
--[[
Type annotations for the Lua language server (LuaLS, formerly sumneko): what a
policy (policies/**/*.lua) can call and what it is handed. Never loaded by the
engine: the Makefile embeds only scripts/*.lua, not scripts/meta/. .luarc.json
adds this folder to the workspace library; docs/editor-support.md explains.

Sources of truth, to keep this file in step with:
  engine/sandbox.c   sandbox_*_allow: the globals a policy gets
  scripts/dsl.lua    policy, regime, param, step, event_type, the deadlines
  scripts/model.lua  Matter and Case methods
  engine/case_push.c what an event, a matter and the case hold
  scripts/evaluate.lua  Ctx, and what a check function returns
]]

-- {========== the sandbox's base functions ==========
-- .luarc.json turns LuaLS's "basic" library off, so that setmetatable, print,
-- load, require ... show as undefined in a policy, as they are at run time.
-- These are the ones the sandbox does give (sandbox_base_allow, plus its own
-- pcall and xpcall, which re-raise a budget trip).

---Raise an error with MESSAGE when V is false or nil; otherwise return all arguments.
---@generic T
---@param v? T
---@param message? any
---@return T
---@return any ...
function assert(v, message, ...) end

---Raise an error. Level 0 leaves the message as is (no "file:line: " prefix).
---@param message any
---@param level? integer
function error(message, level) end

---Iterate 1, 2, ... over a list until the first nil.
---@generic V
---@param t V[]
---@return fun(t: V[], i?: integer): integer, V
---@return V[]
---@return integer
function ipairs(t) end

---The next key and value of table T after K (raw: no metamethods).
---@generic K, V
---@param t table<K, V>
---@param k? K
---@return K?
---@return V?
function next(t, k) end

---Iterate over every key and value (in no fixed order).
---@generic K, V
---@param t table<K, V>
---@return fun(t: table<K, V>, k?: K): K, V
---@return table<K, V>
---@return nil
function pairs(t) end

---Compare without metamethods.
---@param a any
---@param b any
---@return boolean
function rawequal(a, b) end

---Length without metamethods.
---@param v table|string
---@return integer
function rawlen(v) end

---select(n, ...): the arguments from the n-th on; select("#", ...): how many.
---@param index integer|"#"
---@return any ...
function select(index, ...) end

---Convert to a number, or nil.
---@param e any
---@param base? integer
---@return number?
function tonumber(e, base) end

---Convert any value to a string.
---@param v any
---@return string
function tostring(v) end

---The type of V as a string.
---@param v any
---@return "nil"|"number"|"string"|"boolean"|"table"|"function"|"thread"|"userdata"
function type(v) end

---Call F in protected mode. A budget trip (time, memory, instructions) is never caught.
---@param f function
---@return boolean success
---@return any ...
function pcall(f, ...) end

---Call F in protected mode with message handler MSGH. A budget trip is never caught.
---@param f function
---@param msgh function
---@return boolean success
---@return any ...
function xpcall(f, msgh, ...) end
-- }==========

-- {========== what a policy is handed ==========

---A span of days. DAY numbers count days since 1970-01-01. An imprecise date
---("2002", "2019-05") stands for the whole interval, lo to hi.
---@class Span
---@field lo integer first possible day
---@field hi integer last possible day
---@field prec 0|1|2 precision: 0 day, 1 month, 2 year

---One event of the case (case-format.md), as the engine pushes it: every field
---written in the fixture except note and source, plus its span and file position.
---@class Event: Span
---@field id string unique in the case
---@field date string as written: YYYY-MM-DD, YYYY-MM or YYYY
---@field type string event type, e.g. "allegation_received"
---@field file_index integer position in the fixture's events array (0-based)
---@field by? string party id of who acted
---@field to? string party id of who was told or referred to
---@field re? string id of the allegation_received the event is about
---@field categories? string[] allegation_received: categories
---@field on_duty? boolean allegation_received
---@field victim? string allegation_received: party id
---@field reporter? string allegation_received: party id
---@field found? string[] systems_checked: ids of earlier allegations it surfaced
---@field systems? string[] systems_checked
---@field considered? string[] cumulative_assessment: ids of earlier allegations
---@field reason? string why a matter closed or a decision was taken (the case format's values)
---@field basis? string the basis of a referral (the case format's values)
---@field outcome? string the decision an event records (the case format's values)
---@field decision? string suspension_decision
---@field reasons? string|string[] notice_deferred, suspension_decision, conduct_paused
---@field investigator? string investigator_appointed: party id
---@field in_line_management? boolean investigator_appointed
---@field system? string record_unlinked
---@field trigger? string vetting_review: "adverse_information"|"renewal"|"transfer"
---@field [string] any fields a policy declared with event_type

---A party of the case (parties in the fixture).
---@class Party
---@field id string
---@field kind "force"|"psd"|"line_manager"|"investigator"|"oversight"|"victim"|"reporter"|"court"|"policing_body"|"college"|"other"
---@field name? string
---@field of? string the force it belongs to (party id)

---A vetting clearance of the subject.
---@class Clearance: Span
---@field level? string

---The subject officer.
---@class Subject
---@field name? string
---@field rank? string
---@field force string the employing force (party id)
---@field probationer boolean
---@field joined? Span
---@field probation_ends? Span
---@field vetting Clearance[]

---One allegation and every event about it (its `re`), in date order.
---@class Matter
---@field id string the allegation_received event's id
---@field index integer position among the case's matters (1-based)
---@field allegation Event the allegation_received event
---@field events Event[] every event re the matter, in date order
---@field aware? Span when the matter became known by the policy's awareness rules; nil if never (or no rules)
---@field aware_event? Event the event that made it known
---@field categories table<string, true> the allegation's categories, as a set
---@field by_type table<string, Event[]> the matter's events by type
local Matter = {}

---Every event of TYPE re the matter, in date order (an empty, read-only list when none).
---@param type string
---@return Event[]
function Matter:all(type) end

---The first event of TYPE re the matter that FILTER (optional) accepts.
---@param type string
---@param filter? fun(e: Event): boolean?
---@return Event?
function Matter:first(type, filter) end

---True when there is any event of TYPE re the matter.
---@param type string
---@return boolean
function Matter:has(type) end

---True when the allegation has any of the categories (a list, or several names).
---@param ... string|string[]
---@return boolean
function Matter:has_category(...) end

---True when the allegation has a category other than the ones given.
---@param ... string|string[]
---@return boolean
function Matter:has_category_except(...) end

---The first closing event re the matter (the policy's closing types), or nil.
---@return Event?
function Matter:closing() end

---The whole case, as of the date it is judged at (later events are left out).
---@class Case
---@field id string
---@field file string the fixture's path
---@field as_of integer the day the case is judged at
---@field subject Subject
---@field parties table<string, Party> by id
---@field gaps table<string, true> event types the record is silent about
---@field events Event[] every event, in date order
---@field matters Matter[] one per allegation, in date order
---@field by_type table<string, Event[]> every event by type
local Case = {}

---The force a party belongs to: itself if a force, else the force it is "of".
---@param pid string?
---@return string? force
function Case:force_of(pid) end

---True when party PID is FORCE itself or a party "of" it.
---@param pid string?
---@param force string?
---@return boolean
function Case:party_of_force(pid, force) end

---True when party PID is WANT: a role the policy declares in roles { ... }
---(asked about matter M), or else the party id WANT itself.
---@param want string
---@param pid string?
---@param m? Matter
---@return boolean
function Case:is(want, pid, m) end

---The events of TYPE in the whole case, in date order.
---@param type string
---@return Event[]
function Case:all(type) end

---The first event of TYPE in the case that FILTER (optional) accepts.
---@param type string
---@param filter? fun(e: Event): boolean?
---@return Event?
function Case:first(type, filter) end

---The subject's leaving event (the policy's leaving types), the earliest, or nil.
---@return Event?
function Case:leaving() end

---Date helpers (scripts/dates.lua), as ctx.dates.
---@class Dates
local Dates = {}

---A span from day LO to day HI (default LO), precision PREC (default 0).
---@param lo integer
---@param hi? integer
---@param prec? 0|1|2
---@return Span
function Dates.span(lo, hi, prec) end

---The span of an event's date.
---@param e Event
---@return Span
function Dates.of(e) end

---The day number of "YYYY-MM-DD" (an error for anything else).
---@param text string
---@return integer
function Dates.day(text) end

---"2019-05-16" for a day number.
---@param day integer
---@return string
function Dates.iso(day) end

---"2019-05-16", or "2019-05-16/2019-06-14" when the span is more than a day.
---@param s Span
---@return string
function Dates.iso_span(s) end

---"16 May 2019".
---@param day integer
---@return string
function Dates.long(day) end

---How a span reads in a sentence: "on 15 May 2019", "in May 2019", "in 2002", "between ... and ...".
---@param s Span
---@return string
function Dates.when(s) end

---"15 May 2019", or "a date between ... and ...", for "by X".
---@param s Span
---@return string
function Dates.by(s) end

---DAY plus N calendar months (the day clamped to the month's last).
---@param day integer
---@param n integer
---@return integer
function Dates.add_months(day, n) end

---DAY plus N of UNIT (working days skip weekends and the bank holidays of the policy's calendar).
---@param unit "working_days"|"working_days_beginning"|"days"|"months"|"years"
---@param day integer
---@param n integer
---@return integer
function Dates.add(unit, day, n) end

---The due span for trigger span T: the deadline applied to both ends.
---@param unit "working_days"|"working_days_beginning"|"days"|"months"|"years"
---@param n integer
---@param t Span
---@return Span
function Dates.due(unit, n, t) end

---"5 working days", "28 days", "1 year".
---@param unit string
---@param n integer
---@return string
function Dates.period(unit, n) end

---Bank holidays strictly after day FROM and up to day TO, as "3 June 2002 (Golden Jubilee)".
---@param from integer
---@param to integer
---@return string[]
function Dates.holidays_between(from, to) end

---What a check function returns, and what ctx:deadline builds: a finding's
---status and the facts behind it. The engine adds step, title, re and cite.
---@class Finding
---@field status "pass"|"late"|"fail"|"pending"|"not_applicable"|"unknown"|"error"
---@field message? string one or two sentences; defaults to the status
---@field due? string the deadline: "YYYY-MM-DD" or "LO/HI"
---@field days_late? integer calendar days after the deadline (0 when in time)
---@field evidence? string[] ids of the events the verdict rests on
---@field trigger? string id of the event that started the duty
---@field done? string the date of the event that did it, as written
---@field regime? string the regime to judge under, when not the matter's own
---@field limit? string which of the step's named time limits applies (limit = { name = {...} })
---@field cite? string a citation for this finding in place of the step's
---@field detail? string lines for `casecheck explain`
---The engine adds duty, deadline_basis and deadline_source from the step's declarations.

---Arguments of ctx:deadline.
---@class DeadlineArgs
---@field trigger? Event|Span what started the duty
---@field due? Span when it was due (or give `within`: the due span is then worked out from the trigger)
---@field within? Deadline the deadline, e.g. working_days "record_days": also gives {limit} its number
---@field done? Event what did it, or nil
---@field gap? string an event type listed in gaps: an undone duty is then unknown, not fail
---@field says? Says|string message templates by status, or the name of a group in the step's says
---@field vars? table<string, any> extra {placeholders} for the templates (list their names in the step's `vars`)
---@field limit? string the step's named time limit that applies

---The helpers a policy's functions get as CTX (scripts/evaluate.lua).
---@class Ctx
---@field case Case
---@field as_of integer the day the case is judged at
---@field params table<string, integer> the run's params (defaults, or --param overrides)
---@field regime? string the id of the regime the current matter is judged under
---@field matter? Matter the matter being judged (nil for per-case steps)
---@field step string the id of the step being judged
---@field want_detail? boolean
---@field dates Dates
local Ctx = {}

---Judge a deadline the way declarative steps are judged.
---@param args DeadlineArgs
---@return Finding
function Ctx:deadline(args) end

---The current step's time limit in words, for sentences a check builds: "the
---10-year period in guidance", "the 10-working-day benchmark (the law sets no time limit)".
---@param unit? string
---@param n? integer
---@param name? string which named limit
---@return string
function Ctx:limit_words(unit, n, name) end

---The value of param NAME for this run (an error if the policy has no such param).
---@param name string
---@return integer
function Ctx:param(name) end

---The first of the given event types listed in the case's gaps, or nil.
---@param ... string
---@return string?
function Ctx:gap(...) end

---How an event's (or a span's) date reads in a sentence: "on 15 May 2019", "in 2002".
---@param e Event|Span
---@return string
function Ctx:when(e) end

---"15 May 2019" for a day number.
---@param day integer
---@return string
function Ctx:long(day) end

---The unit and number of a deadline, with the run's params.
---@param spec Deadline|fun(m: Matter?, ctx: Ctx): Deadline
---@return "working_days"|"working_days_beginning"|"days"|"months"|"years" unit
---@return integer n
function Ctx:period_of(spec) end
-- }==========

-- {========== the DSL (scripts/dsl.lua) ==========

---What the policy is.
---@class PolicyInfo
---@field id string e.g. "ruritania/conduct"
---@field title string
---@field version? string
---@field summary? string
---@field jurisdiction? string
---@field regime_date? fun(m: Matter, ctx: Ctx): (Event|Span|nil) the date that picks a matter's regime (default: its awareness date, else its allegation's)
---@field tracks? table<string, string> track name -> what puts a matter on it
---@field track? fun(m: Matter, ctx: Ctx): string? the matter's track (a name in tracks), or nil
---@field closing? string|string[] the event type(s) that close a matter (m:closing(), before_close)
---@field leaving? string|string[] the event type(s) by which the subject leaves (case:leaving())

---A body of law in force between two dates.
---@class RegimeSpec
---@field from string first day, YYYY-MM-DD
---@field to? string last day, YYYY-MM-DD; none while in force
---@field title? string

---A number the law leaves to practice, overridable with --param NAME=N.
---@class ParamSpec
---@field default integer a whole number >= 0
---@field unit? "working_days"|"working_days_beginning"|"days"|"months"|"years"|"count" default "count"
---@field doc? string

---A deadline: N of UNIT, or the value of a param.
---@class Deadline
---@field unit "working_days"|"working_days_beginning"|"days"|"months"|"years"
---@field param? string
---@field n? integer

---What satisfies a deadline duty: the earliest event re the matter of one of
---TYPE on or after the trigger, that BY, TO and WHERE accept.
---@class DoneBy
---@field type string|string[] event type(s)
---@field by? string who must have acted: a role of the policy's roles { ... } or a party id
---@field to? string who it must have gone to: a role or a party id
---@field where? fun(e: Event, m: Matter, ctx: Ctx): boolean?
---@field already? boolean an event before the trigger meets the duty too (says.already)

---A forbidden event: any event of TYPE (re the matter; in the whole case
---with scope "case"; re the matter or about the whole case, no `re`, from
---the trigger's first day on, with scope "matter_and_case") that WHERE
---accepts fails the step.
---@class Breach
---@field type string|string[]
---@field where? fun(e: Event, m: Matter, ctx: Ctx): boolean?
---@field says? string message template: {event}, {event_when}, {trigger}, {due} ...
---@field scope? "matter"|"case"|"matter_and_case"

---A listing duty: the earliest event re the matter of one of TYPE (that BY,
---TO and WHERE accept), on or after the trigger and not after the first
---closing decision, whose FIELD lists every earlier matter
---(docs/policy-guide.md, "Listing duties").
---@class Lists
---@field type string|string[] event type(s) that list
---@field field string the event field holding the list of allegation ids
---@field earlier "known_before"|"earlier_allegations" which matters must be listed
---@field by? string a role or a party id
---@field to? string a role or a party id
---@field where? fun(e: Event, m: Matter, ctx: Ctx): boolean?
---@field covers_all? string|string[] event types that count as listing every earlier matter
---@field note? ListsNote

---What explains a missed matter: the first event of TYPE re it, or re no
---matter on or after its allegation; SAYS uses {matter} {event} {event_when}.
---@class ListsNote
---@field type string
---@field says string

---Message templates and phrases. Phrases (trigger, done, missing, duty) are
---strings or functions of (m, ctx); the templates by status use {placeholders}
---(docs/policy-guide.md lists which status has which; loading checks them):
---{trigger} {trigger_when} {done} {done_when} {missing} {duty} {due} {period}
---{limit} {basis} {limit_source} {elapsed} {as_of} {days_late_words} {settle}
---{close_when}. A check step may instead hold named groups of templates.
---@class Says
---@field trigger? string|fun(m: Matter, ctx: Ctx): string
---@field done? string|fun(m: Matter, ctx: Ctx): string
---@field missing? string|fun(m: Matter, ctx: Ctx): string
---@field duty? string|fun(m: Matter, ctx: Ctx): string
---@field pass? string
---@field late? string
---@field fail? string
---@field pending? string
---@field unknown? string
---@field closed? string
---@field not_applicable? string
---@field upcoming? string a recurring schedule with nothing due yet (pending)
---@field gap? string a recurring duty's unknown that rests on a gap
---@field already? string the pass for a duty met before its trigger (done_by.already): {trigger_when} {done_when}
---@field what? string a listing duty's duty in a few words ({what})
---@field missed? string a listing duty's sentence for a listing that left matters out: {missed} {notes} {event_when} {what} {count} {due} {limit}

---A step: one duty of the law. Either a deadline duty (from, within, done_by),
---a prohibition (breach), or a check function that decides for itself.
---@class StepSpec
---@field title string
---@field per? "matter"|"case" judged once per allegation (default) or once per case
---@field regimes? string[] the regimes the duty exists in (default: all)
---@field cite string|table<string, string|table<string, string>> the law behind it; by regime id, "*" for the rest; a regime's entry may be a table by track ("*" for no track)
---@field duty DutyKind|table<string, DutyKind> the kind of duty, or a table by regime id ("*" for the rest)
---@field limit? LimitSpec|table<string, LimitSpec|table<string, LimitSpec>> where the time limit comes from; by regime; named alternatives for a check
---@field vars? string[] extra placeholder names a check's ctx:deadline supplies
---@field cannot? table<"pass"|"late"|"fail"|"pending"|"not_applicable"|"unknown", string> statuses the step can never give, each with the reason (coverage leaves them out; giving one is an error)
---@field why_not_in_force? string why the duty does not apply under other regimes
---@field applies? fun(m: Matter, ctx: Ctx): boolean?, string?, boolean? false plus why when it does not apply; a third true: unknown whether it applies
---@field from? "allegation"|"aware"|string|fun(m: Matter, ctx: Ctx): (Event|Span|nil), string? the trigger: an event type, or a function
---@field within? Deadline|FirstOf|fun(m: Matter, ctx: Ctx): Deadline
---@field done_by? DoneBy
---@field before_close? boolean it must be done before any closing decision, too; without within, the closing decision is the deadline
---@field in_force_from? string "YYYY-MM-DD": the duty began then; a matter whose trigger ends before it is not_applicable
---@field in_force_to? string "YYYY-MM-DD": the duty ended then; a trigger beginning after it is not_applicable
---@field why_not_yet? string the reason outside in_force_from/in_force_to; may use {trigger}, {trigger_when}, {trigger_date}
---@field why_unsure? string unknown, with this reason, for a trigger whose dates straddle in_force_from/in_force_to
---@field every? Every a recurring duty
---@field breach? Breach[]
---@field lists? Lists a listing duty, instead of done_by
---@field check? fun(m: Matter|Case, ctx: Ctx): Finding for per = "case" steps, M is the Case
---@field says? Says
---@field basis? string why the duty matters (shown in explanations)
---@field params? string[] params the step uses besides within's

---@alias DutyKind "statutory"|"power"|"guidance"|"practice"

---A recurring duty: a schedule (first, period, ends, with from and done_by) or a chain of renewals.
---@class Every
---@field period Deadline how often it recurs (at least 1 of its unit)
---@field first? Deadline the first occurrence after the trigger (default: period)
---@field ends? string|"leaving"|FirstOf|fun(m: Matter|Case, ctx: Ctx): (Event|Span|nil) when the duty stops
---@field chain? fun(c: Matter|Case, ctx: Ctx): Span[] the clearances, each renewed by the next (label, id optional)
---@field gaps? string|string[] for a chain: the event types whose gap leaves a renewal possible

---The earliest of its items (first_of { ... }).
---@class FirstOf
---@field first_of true
---@field earliest (string|function)[]

---A predicate for applies: ok, why when not, and true third when the record cannot settle it.
---@alias Predicate fun(m: Matter, ctx: Ctx): boolean?, string?, boolean?

---Where a time limit comes from. A statutory limit cannot be a param.
---@class LimitSpec
---@field basis "statutory"|"guidance"|"benchmark"
---@field source string the provision, or "casecheck benchmark (param x); the law sets no time limit"

---A policy-declared event type.
---@class EventTypeSpec
---@field fields? table<string, "string"|"bool"|"party"|"matter"|"matter_list"|"string_list"|"reasons"|"date">
---@field doc? string

---Declare the policy: `policy { id = "...", title = "..." }`, once per file.
---@param t PolicyInfo
function policy(t) end

---Declare a regime: `regime "2020" { from = "2020-02-01", title = "..." }`.
---@param id string
---@return fun(t: RegimeSpec)
function regime(id) end

---Declare a param: `param "record_days" { default = 10, unit = "working_days", doc = "..." }`.
---@param name string
---@return fun(t: ParamSpec)
function param(name) end

---Declare a step: `step "area.duty" { title = ..., cite = ..., ... }`. The id is
---lowercase, "area.duty".
---@param id string
---@return fun(t: StepSpec)
function step(id) end

---Declare an event type (or more fields on one): `event_type "x" { fields = {...} }`.
---@param name string
---@return fun(t: EventTypeSpec)
function event_type(name) end

---Declare the roles steps name in done_by and awareness: role name ->
---function(case, party_id, matter) returning true when that party plays it.
---@param t table<string, fun(case: Case, pid: string?, m: Matter?): boolean>
function roles(t) end

---@class AwarenessRule
---@field type string|string[] event type(s)
---@field by? string a role or a party id that must have acted
---@field to? string a role or a party id it must have gone to

---When a matter becomes known (a step's from = "aware"): a list of rules,
---the first event of the matter that one accepts; UNKNOWN is the sentence a
---step from "aware" gives when none did.
---@param t { [integer]: AwarenessRule, unknown?: string }
function awareness(t) end

---The holiday calendar working days skip: policies/NAME/calendar.lua.
---Without one, working days are Monday to Friday.
---@param name string
function calendar(name) end

---A deadline in working days (the policy's calendar's bank holidays skipped): a param name or a number.
---@param x string|integer
---@return Deadline
function working_days(x) end

---A deadline in calendar days: a param name or a number.
---@param x string|integer
---@return Deadline
function days(x) end

---A deadline in calendar months: a param name or a number.
---@param x string|integer
---@return Deadline
function months(x) end

---A deadline in years: a param name or a number.
---@param x string|integer
---@return Deadline
function years(x) end

---"Within N working days beginning with D": D counts when it is a working day.
---@param x string|integer
---@return Deadline
function working_days_beginning(x) end

---"By the end of the working day after": the first working day after the trigger.
---@type Deadline
next_working_day = { unit = "working_days", n = 1 }

---Due on the trigger's own day, met by what was done at any time before it.
---@type Deadline
beforehand = { unit = "days", n = 0 }

---Every predicate holds; else the first that fails gives its why.
---@param list Predicate[]
---@return Predicate
function all(list) end

---One predicate holds; else the last one's why.
---@param list Predicate[]
---@return Predicate
function any(list) end

---P does not hold; WHY when it does.
---@param p Predicate
---@param why string
---@return Predicate
function not_(p, why) end

---The earliest of at most one deadline, event types and functions(m, ctx) -> event|span|nil.
---@param list (Deadline|string|fun(m: Matter, ctx: Ctx): (Event|Span|nil))[]
---@return FirstOf
function first_of(list) end
-- }==========
