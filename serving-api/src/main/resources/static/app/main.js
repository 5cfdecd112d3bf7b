// Wires the page together: the key form, the table's controls, the card view and the
// watchlist. Everything the page shows comes from the API with the key of this tab.
import { ApiError, call, forgetKey, query, storeKey, storedKey } from './api.js';
import { CardTable } from './table.js';
import { CardView } from './card.js';
import { Watchlist } from './watchlist.js';

const byId = (id) => document.getElementById(id);
const keyStatus = byId('key-status');
let firstTableShown = false;
let startedAt = 0;

const cardView = new CardView();
const openCard = (cardId) => cardView.open(cardId).catch(report);
const watchlist = new Watchlist({ onOpen: openCard, onChange: () => table.refreshMarks() });
const table = new CardTable({
  onOpen: openCard,
  onToggleWatch: (cardId) => watchlist.toggle(cardId).catch(report),
  isWatched: (cardId) => watchlist.has(cardId),
  onLoaded: (answer, state) => {
    if (!firstTableShown) {
      firstTableShown = true;
      // from the key's submission (or the page's start with a kept key) to the first rows on
      // screen: the requests, the server's work and the drawing
      const ms = Math.round(performance.now() - startedAt);
      document.body.dataset.firstTableMs = String(ms);
      byId('timing').textContent = `first table in ${ms} ms`;
    }
    if (!state.date) {
      byId('as-of').value = answer.as_of ?? '';
    }
    explainEmpty(answer, state).catch(report);
  },
});

function report(error) {
  if (error instanceof ApiError && error.status === 401) {
    forgetKey();
    showKeyForm('The key was not accepted: type it again.');
    return;
  }
  keyStatus.textContent = error.message;
  keyStatus.className = 'error';
}

function showKeyForm(message) {
  byId('api-key').value = '';
  byId('key-forget').hidden = true;
  keyStatus.textContent = message;
  byId('api-key').focus();
}

// Signals are rare: when a side has none on the day shown, say when it last had one and
// offer to show that day (GET /signals points to it).
async function explainEmpty(answer, state) {
  const note = byId('note');
  const jump = byId('note-jump');
  note.hidden = true;
  jump.hidden = true;
  if (answer.total > 0 || (state.signal !== 'BUY' && state.signal !== 'SELL') || !answer.as_of) {
    return;
  }
  const signals = await call('/signals' + query({
    signal: state.signal, category: state.category, date: answer.as_of, limit: 1,
  }));
  const cards = state.category ? `${state.category} card` : 'card';
  byId('note-text').textContent = signals.latest_signal_date
    ? `No ${cards} is a ${state.signal} as of ${answer.as_of}: signals are rare by design. The latest ${state.signal} was on ${signals.latest_signal_date}.`
    : `This model never gave a ${cards} a ${state.signal} up to ${answer.as_of}.`;
  if (signals.latest_signal_date) {
    jump.textContent = `Show ${signals.latest_signal_date}`;
    jump.dataset.date = signals.latest_signal_date;
    jump.hidden = false;
  }
  note.hidden = false;
}

async function start() {
  startedAt = performance.now();
  byId('key-forget').hidden = false;
  keyStatus.textContent = 'Key kept for this tab only.';
  keyStatus.className = '';
  await Promise.all([table.load(), watchlist.load()]);
}

byId('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = byId('api-key').value.trim();
  byId('api-key').value = '';
  if (key) {
    storeKey(key);
    firstTableShown = false;
    start().catch(report);
  }
});
byId('key-forget').addEventListener('click', () => {
  forgetKey();
  showKeyForm('Key forgotten.');
});

let searchTimer;
byId('search').addEventListener('input', (event) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => table.filter({ q: event.target.value }).catch(report), 250);
});
byId('signal-filter').addEventListener('change', (event) => table.filter({ signal: event.target.value }).catch(report));
byId('category-filter').addEventListener('change', (event) => table.filter({ category: event.target.value }).catch(report));
byId('as-of').addEventListener('change', (event) => table.filter({ date: event.target.value }).catch(report));
byId('newest').addEventListener('click', () => table.filter({ date: '' }).catch(report));
byId('note-jump').addEventListener('click', (event) => {
  byId('as-of').value = event.target.dataset.date;
  table.filter({ date: event.target.dataset.date }).catch(report);
});

if (storedKey()) {
  start().catch(report);
}
else {
  showKeyForm('Type your API key (make api-key) to start.');
}
