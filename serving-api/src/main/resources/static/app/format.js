// Number and text formatting shared by the table, the card view and the watchlist.

export function money(value) {
  return value === null || value === undefined ? '—' : `$${value.toFixed(2)}`;
}

export function percent(fraction) {
  return fraction === null || fraction === undefined ? '—' : `${(fraction * 100).toFixed(1)} %`;
}

export function decimal(value, digits = 2) {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

/** A table cell holding text (never HTML: card names come from outside). */
export function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}
