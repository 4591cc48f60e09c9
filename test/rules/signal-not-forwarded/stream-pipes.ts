// The standard streams' pipes in a function with a signal in scope.
export {};

// valid: the piped stream is returned: whoever reads it drives the pipe, and cancelling it cancels the pipe and its source
async function validPipedStreamReturned(url: string, signal: AbortSignal) {
  const response = await fetch(url, { signal });
  return response.body!.pipeThrough(new TextDecoderStream());
}

// valid: kept and read here, through a chain of pipes
async function validPipedStreamRead(source: ReadableStream<Uint8Array>, signal: AbortSignal) {
  const lines = source.pipeThrough(new TextDecoderStream()).pipeThrough(new TransformStream<string, string>());
  const reader = lines.getReader();
  signal.addEventListener("abort", () => void reader.cancel(signal.reason), { once: true });
  return reader.read();
}

// valid: handed on as an argument
async function validPipedStreamHandedOn(source: ReadableStream<Uint8Array>, signal: AbortSignal) {
  return new Response(source.pipeThrough(new CompressionStream("gzip")), { status: 200 });
}

// a pipe whose stream nobody keeps: nothing can cancel it but the signal it was not given
function invalidPipedStreamDropped(source: ReadableStream<Uint8Array>, signal: AbortSignal) {
  source.pipeThrough(new TextDecoderStream());
//^^^^^^ signal-not-forwarded
  void source.pipeThrough(new TextDecoderStream());
  //   ^^^^^^ signal-not-forwarded
}

// pipeTo runs until its source ends, however long nobody waits for it
async function invalidPipeTo(source: ReadableStream<Uint8Array>, sink: WritableStream<Uint8Array>, signal: AbortSignal) {
  await source.pipeTo(sink);
  //    ^^^^^^ signal-not-forwarded
}

// a `pipeThrough` of some other kind is judged as any call
interface Channel {
  pipeThrough(target: string, options?: { signal?: AbortSignal }): Channel;
}
function invalidOtherPipeThrough(channel: Channel, signal: AbortSignal) {
  return channel.pipeThrough("out");
  //     ^^^^^^^ signal-not-forwarded
}
