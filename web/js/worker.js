// The personaliser's Web Worker: cyberkit's core in WebAssembly, fed the kit's files and the
// practice's answers by the page. It loads two files of the kit's own site when it starts (the
// WebAssembly and the kit's files) and makes no request after that.
import init, { Personaliser } from './cyberkit_web.js';

let kit = null;

async function start(message) {
  // The kit's files come while the WebAssembly compiles.
  const files = fetch(message.kit).then((response) => {
    if (!response.ok) throw new Error(`${message.kit}: ${response.status}`);
    return response.text();
  });
  await init({ module_or_path: new URL('./cyberkit_web_bg.wasm', import.meta.url) });
  kit = new Personaliser(await files, message.date);
  return { type: 'ready', answers: JSON.parse(kit.kit_answers()) };
}

// While the practice fills the form in, the kit's own poster is made and thrown away, so that
// the practice's first document is as quick as the next. Nothing is said if it fails: the
// practice's own documents will say why.
function warm(message) {
  try {
    kit.warm(message.lang);
  } catch (_) {
    // Said by the practice's own documents.
  }
}

function handle(message) {
  switch (message.type) {
    case 'check':
      return { type: 'checked', report: JSON.parse(kit.check(JSON.stringify(message.answers), message.lang)) };
    case 'make': {
      const made = kit.make(JSON.stringify(message.answers), message.lang, message.stem);
      const pdf = made.pdf();
      const png = made.png();
      const problems = JSON.parse(made.problems());
      made.free();
      return { type: 'made', stem: message.stem, pdf, png, problems };
    }
    case 'read':
      return { type: 'read', file: message.file, result: JSON.parse(kit.read_answers(message.text)) };
    default:
      throw new Error(`unknown message ${message.type}`);
  }
}

// One message at a time, in order: a make waits for the start before it.
let queue = Promise.resolve();
self.onmessage = (event) => {
  const message = event.data;
  queue = queue.then(async () => {
    try {
      const reply = message.type === 'start' ? await start(message) : handle(message);
      const transfer = reply.type === 'made' ? [reply.pdf.buffer, reply.png.buffer] : [];
      self.postMessage({ ...reply, id: message.id }, transfer);
      if (message.type === 'start') queue = queue.then(() => warm(message));
    } catch (error) {
      // A trap in the WebAssembly leaves the module unusable: the page says so.
      self.postMessage({ type: 'failed', message: String((error && error.message) || error) });
    }
  });
};
