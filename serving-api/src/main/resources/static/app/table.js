// The card table: filtered, sorted and paged by the server (GET /cards/table), so only one
// page of rows is ever in the page, whatever the number of cards.
import { call, query } from './api.js';
import { cell, decimal, money, percent } from './format.js';

const PAGE_SIZE = 50;

export class CardTable {
  constructor({ onOpen, onToggleWatch, isWatched, onLoaded }) {
    this.state = { q: '', signal: '', category: '', date: '', sort: 'strength', order: 'desc', page: 1 };
    this.onOpen = onOpen;
    this.onToggleWatch = onToggleWatch;
    this.isWatched = isWatched;
    this.onLoaded = onLoaded;
    this.body = document.querySelector('#card-table tbody');
    this.status = document.getElementById('table-status');
    this.categories = document.getElementById('category-filter');
    this.pages = 1;
    this.request = 0;
    for (const button of document.querySelectorAll('#card-table th button')) {
      button.addEventListener('click', () => this.sortOn(button.dataset.sort));
    }
    document.getElementById('prev').addEventListener('click', () => this.go(this.state.page - 1));
    document.getElementById('next').addEventListener('click', () => this.go(this.state.page + 1));
  }

  /** Changes filters (any of q, signal, category, date) and shows their first page. */
  filter(changes) {
    Object.assign(this.state, changes, { page: 1 });
    return this.load();
  }

  sortOn(column) {
    const order = this.state.sort === column && this.state.order === 'desc' ? 'asc' : 'desc';
    Object.assign(this.state, { sort: column, order, page: 1 });
    return this.load();
  }

  go(page) {
    if (page >= 1 && page <= this.pages) {
      this.state.page = page;
      this.load();
    }
  }

  async load() {
    // a slow answer must not overwrite the answer to a later request
    const request = ++this.request;
    const s = this.state;
    this.status.textContent = 'Loading…';
    const answer = await call('/cards/table' + query({
      q: s.q, signal: s.signal, category: s.category, date: s.date,
      sort: s.sort, order: s.order, page: s.page, size: PAGE_SIZE,
    }));
    if (request !== this.request) {
      return;
    }
    this.pages = Math.max(1, Math.ceil(answer.total / answer.size));
    this.render(answer);
    this.onLoaded(answer, this.state);
  }

  /** Redraws the rows' watch marks after the watchlist changed. */
  refreshMarks() {
    for (const button of this.body.querySelectorAll('button.star')) {
      this.markStar(button, this.isWatched(button.dataset.card));
    }
  }

  render(answer) {
    this.fillCategories(answer.categories);
    for (const button of document.querySelectorAll('#card-table th button')) {
      const sorted = button.dataset.sort === this.state.sort;
      button.setAttribute('aria-sort', sorted ? (this.state.order === 'asc' ? 'ascending' : 'descending') : 'none');
    }
    const rows = answer.rows.map((row) => this.row(row));
    this.body.replaceChildren(...rows);
    const first = answer.total === 0 ? 0 : (answer.page - 1) * answer.size + 1;
    const last = (answer.page - 1) * answer.size + answer.rows.length;
    this.status.textContent = `${first}–${last} of ${answer.total} cards as of ${answer.as_of ?? '—'} (page ${answer.page} of ${this.pages})`;
    document.getElementById('card-table').dataset.rows = String(answer.rows.length);
  }

  row(row) {
    const tr = document.createElement('tr');
    tr.dataset.card = row.card_id;
    tr.dataset.signal = row.signal ?? '';
    const star = document.createElement('button');
    star.type = 'button';
    star.className = 'star';
    star.dataset.card = row.card_id;
    this.markStar(star, this.isWatched(row.card_id));
    star.addEventListener('click', () => this.onToggleWatch(row.card_id));
    const starCell = document.createElement('td');
    starCell.append(star);
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'open';
    open.textContent = row.card_name ?? row.card_id;
    open.addEventListener('click', () => this.onOpen(row.card_id));
    const name = document.createElement('td');
    name.append(open);
    tr.append(starCell, name, cell(row.set_name ?? '—'), cell(row.category ?? '—'), cell(row.date),
      cell(money(row.market_price), 'num'), cell(money(row.fair_price), 'num'),
      cell(percent(row.deviation_pct), 'num'), cell(row.signal ?? '—', `signal-${row.signal}`),
      cell(decimal(row.strength), 'num'));
    return tr;
  }

  markStar(button, watched) {
    button.textContent = watched ? '★' : '☆';
    button.title = watched ? 'Stop watching' : 'Watch this card';
    button.setAttribute('aria-pressed', String(watched));
  }

  fillCategories(categories) {
    if (this.categories.options.length > 1) {
      return;
    }
    for (const category of categories) {
      const option = document.createElement('option');
      option.value = category;
      option.textContent = category;
      this.categories.append(option);
    }
  }
}
