// A synchronous call whose options allow a signal, where the value it returns goes somewhere the signal already reaches,
// or only a part of it that holds no options is kept.
import { createReadStream, createWriteStream } from "fs";
import { pipeline } from "stream/promises";
export {};

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | null;
}
interface SpanSettings {
  route: string;
  request: RequestOptions;
}
interface ParseOptions {
  getFormat: (body: unknown) => string;
  requestOptions: RequestOptions;
}
interface Reader {
  size: number;
  read(): Promise<string>;
}
declare function spanSettings(route: string, request: RequestOptions): SpanSettings;
declare function startSpan(name: string, options: RequestOptions | undefined, settings: SpanSettings): void;
// Reads only `options.body`, so it drops the signal it is given, as tracing code does.
function startTracedSpan(name: string, options: RequestOptions | undefined, settings: SpanSettings): void {
  console.log(name, options?.body, settings.route);
}
declare function parseOptions(body: unknown, options?: RequestOptions): ParseOptions;
declare function openReader(path: string, options?: { signal?: AbortSignal }): Reader;
declare function send(body: unknown, options?: RequestOptions): Promise<string>;
interface PendingRequest extends Promise<string> {
  options: RequestOptions;
}
interface PreparedRequest {
  init: RequestInit;
  send(): Promise<Response>;
}
declare function sendTracked(body: unknown, options?: RequestOptions): PendingRequest;
declare function prepare(url: string, init: RequestInit): PreparedRequest;
declare function withDeadline<T>(work: Promise<T> | T, options: { signal?: AbortSignal }): Promise<T>;

// valid: the settings are handed to a call that receives the signal itself (an options builder for a tracing span)
function validBuilderHandedToSignalHolder(body: unknown, options?: RequestOptions) {
  startSpan("create", options, spanSettings("/v1/messages", { body }));
}

// valid: the receiver is given the signal and drops it, as the built settings' does
function validBuilderHandedToSignalDropper(body: unknown, options?: RequestOptions) {
  startTracedSpan("create", options, spanSettings("/v1/messages", { body }));
}

// valid: the streams go to a pipeline that receives the signal and destroys them when it is aborted
async function validStreamsHandedToPipeline(from: string, to: string, signal: AbortSignal) {
  await pipeline(createReadStream(from), createWriteStream(to), { signal });
}

// valid: only the format getter of the parsed options is kept; the options it repackaged are dropped
async function validMemberOfBuilder(body: unknown, options?: RequestOptions, getFormat = parseOptions(body).getFormat) {
  return send(body, options).then((text) => `${getFormat({ body })} ${text}`);
}

// valid: a plain value kept from the settings
function validPlainMemberOfBuilder(body: unknown, options?: RequestOptions) {
  return `${spanSettings("/v1/messages", { body }).route} ${options?.body}`;
}

// valid: the same, destructured
async function validDestructuredMemberOfBuilder(body: unknown, options?: RequestOptions) {
  const { getFormat: format } = parseOptions(body);
  return send(body, options).then((text) => `${format({ body })} ${text}`);
}

// a promise handed to a call that receives the signal: the operation itself still runs on when it is aborted
async function invalidPromiseHandedToSignalHolder(body: unknown, signal: AbortSignal) {
  return withDeadline(sendTracked(body), { signal });
  //                  ^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// handed to a call that receives no signal
function invalidBuilderHandedToNoSignal(body: unknown, options?: RequestOptions) {
  startSpan("create", undefined, spanSettings("/v1/messages", { body }));
//^^^^^^^^^ signal-not-forwarded
  //                             ^^^^^^^^^^^^ signal-not-forwarded
}

// the part of the builder's result that holds the repackaged options is kept
async function invalidKeptOptionsOfBuilder(body: unknown, options?: RequestOptions) {
  const { requestOptions } = parseOptions(body);
  //                         ^^^^^^^^^^^^^^^^^^ signal-not-forwarded
  const again = parseOptions(body).requestOptions;
  //            ^^^^^^^^^^^^^^^^^^ signal-not-forwarded
  return [await send(body, requestOptions), again];
}

// not an options builder: the reader it opens stays alive, whichever part of it is used
async function invalidResourceMember(path: string, signal: AbortSignal) {
  const size = openReader(path).size;
  //           ^^^^^^^^^^^^^^^^ signal-not-forwarded
  const text = await openReader(path).read();
  //                 ^^^^^^^^^^^^^^^^ signal-not-forwarded
  return `${size} ${text}`;
}

declare class Span {
  constructor(options: RequestOptions | undefined, settings: SpanSettings);
}
declare function buildInit(init: RequestInit): RequestInit;
declare function record(options: unknown, settings: SpanSettings): void;
declare function maybeSpanSettings(route: string, request: RequestOptions): SpanSettings | undefined;
declare function trace(settings: SpanSettings | undefined, signal?: AbortSignal): void;

// valid: kept in a `const` that only goes to calls receiving the signal
function validConstHandedToSignalHolders(body: unknown, options?: RequestOptions) {
  const settings = spanSettings("/v1/messages", { body });
  startSpan("create", options, settings);
  startSpan("retry", options, (settings));
}

// valid: the `const` reaches the receiver from a callback too
function validConstHandedOnLater(body: unknown, options?: RequestOptions) {
  const settings = spanSettings("/v1/messages", { body });
  return () => startSpan("retry", options, settings);
}

// valid: handed to a constructor that receives the signal
function validBuilderHandedToConstructor(body: unknown, options?: RequestOptions) {
  return new Span(options, (spanSettings("/v1/messages", { body })));
}

// valid: the signal itself, or options spread from a type with one, go beside it
function validSignalBeside(body: unknown, signal: AbortSignal, options: RequestOptions) {
  startSpan("create", { signal }, spanSettings("/v1/messages", { body }));
  startSpan("create", { ...options }, spanSettings("/v1/messages", { body }));
}

// valid: a receiver that takes the signal as an argument of its own, and settings that may be missing
function validSignalArgumentBeside(body: unknown, signal: AbortSignal) {
  trace(maybeSpanSettings("/v1/messages", { body }), signal);
}

// a `const` that also goes somewhere the signal does not
function invalidConstAlsoKeptElsewhere(body: unknown, options?: RequestOptions) {
  const settings = spanSettings("/v1/messages", { body });
  //               ^^^^^^^^^^^^ signal-not-forwarded
  startSpan("create", options, settings);
  return settings;
}

// the built options are the only ones the receiver gets: their missing signal is the one it needs
async function invalidBuiltOptionsAreTheOnlyOnes(url: string, headers: Headers, signal: AbortSignal) {
  return fetch(url, buildInit({ headers }));
  //                ^^^^^^^^^ signal-not-forwarded
}


// a method called on the built value uses all of it, the options without a signal included
async function invalidMethodOfBuiltValue(url: string, headers: Headers, signal: AbortSignal) {
  return prepare(url, { headers }).send();
  //     ^^^^^^^ signal-not-forwarded
}

// handed beside the signal to a call that takes none: it only records what it is given
function invalidBesideSignalThatIsNotTaken(body: unknown, options?: RequestOptions) {
  record(options, spanSettings("/v1/messages", { body }));
  //              ^^^^^^^^^^^^ signal-not-forwarded
}
