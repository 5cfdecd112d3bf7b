// The caller's watchlist (GET, PUT and DELETE /watchlist): kept by the server per API key.
import { call } from './api.js';

export class Watchlist {
  constructor({ onOpen, onChange }) {
    this.cards = new Set();
    this.onOpen = onOpen;
    this.onChange = onChange;
    this.list = document.getElementById('watchlist-items');
  }

  has(cardId) {
    return this.cards.has(cardId);
  }

  async load() {
    this.render(await call('/watchlist'));
  }

  async toggle(cardId) {
    const method = this.has(cardId) ? 'DELETE' : 'PUT';
    this.render(await call(`/watchlist/${encodeURIComponent(cardId)}`, { method }));
  }

  render(answer) {
    this.cards = new Set(answer.cards.map((card) => card.card_id));
    const items = answer.cards.map((card) => {
      const li = document.createElement('li');
      li.dataset.card = card.card_id;
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'link';
      open.textContent = card.card_name ?? card.card_id;
      open.disabled = !card.known;
      open.addEventListener('click', () => this.onOpen(card.card_id));
      const signal = document.createElement('span');
      signal.className = `signal-${card.signal}`;
      signal.textContent = card.known ? ` ${card.signal ?? '—'} on ${card.date}` : ' (not in the served model)';
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.addEventListener('click', () => this.toggle(card.card_id));
      li.append(open, signal, ' ', remove);
      return li;
    });
    if (items.length === 0) {
      const empty = document.createElement('li');
      empty.textContent = 'No card watched yet.';
      items.push(empty);
    }
    this.list.replaceChildren(...items);
    this.onChange();
  }
}
