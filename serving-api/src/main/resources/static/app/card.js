// The card view: market and fair price over the card's history (GET /cards/{id}/history),
// signal days and outliers marked, and the latest prediction (POST /predict) beside it.
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { ApiError, call } from './api.js';
import { decimal, money, percent } from './format.js';

const COLORS = { market: '#0969da', fair: '#8250df', buy: '#1a7f37', sell: '#cf222e', outlier: '#9a6700' };

export class CardView {
  constructor() {
    this.section = document.getElementById('card-view');
    this.chartBox = document.getElementById('chart');
    this.chart = null;
  }

  async open(cardId) {
    const id = encodeURIComponent(cardId);
    const [history, prediction] = await Promise.all([
      call(`/cards/${id}/history`),
      call('/predict', { method: 'POST', body: { card_id: cardId } }).catch((error) => error),
    ]);
    this.section.hidden = false;
    document.getElementById('card-title').textContent = history.card_name ?? history.card_id;
    document.getElementById('card-meta').textContent =
      [history.set_name, history.category, history.card_id, `${history.count} days`, `model ${history.model_version}`]
        .filter(Boolean).join(' · ');
    this.draw(history);
    this.showPrediction(prediction, history.rule);
    this.section.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  draw(history) {
    const points = history.points;
    const days = points.map((p) => Date.parse(`${p.date}T00:00:00Z`) / 1000);
    const market = points.map((p) => p.market_price);
    const on = (test) => points.map((p) => (test(p) ? p.market_price : null));
    const data = [days, market, points.map((p) => p.fair_price),
      on((p) => p.signal === 'BUY'), on((p) => p.signal === 'SELL'), on((p) => p.outlier)];
    const markers = (label, color, shape) => ({
      label, stroke: color, fill: color, paths: () => null,
      points: { show: true, size: shape === 'diamond' ? 8 : 10, stroke: color, fill: color },
    });
    const options = {
      width: Math.max(this.chartBox.clientWidth, 320),
      height: 320,
      scales: { x: { time: true } },
      axes: [{}, { values: (u, ticks) => ticks.map((v) => `$${v}`) }],
      series: [
        {},
        { label: 'Market', stroke: COLORS.market, width: 2, value: (u, v) => money(v) },
        { label: 'Fair', stroke: COLORS.fair, width: 2, dash: [6, 4], value: (u, v) => money(v) },
        markers('BUY', COLORS.buy), markers('SELL', COLORS.sell), markers('Outlier', COLORS.outlier, 'diamond'),
      ],
      hooks: {
        // the number of days drawn, for people and for the browser test
        draw: [(u) => { this.chartBox.dataset.points = String(u.data[0].length); }],
      },
    };
    if (this.chart) {
      this.chart.destroy();
    }
    this.chartBox.dataset.points = '';
    this.chartBox.dataset.card = history.card_id;
    this.chart = new uPlot(options, data, this.chartBox);
  }

  showPrediction(prediction, rule) {
    const box = document.getElementById('prediction');
    const heading = document.createElement('h3');
    heading.textContent = 'Latest prediction';
    const list = document.createElement('dl');
    const add = (term, value, className) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      if (className) {
        dd.className = className;
      }
      list.append(dt, dd);
    };
    if (prediction instanceof ApiError) {
      add('Prediction', prediction.message, 'error');
    }
    else {
      add('Day', prediction.date);
      add('Market', money(prediction.market_price));
      add('Fair', money(prediction.fair_price));
      add('Deviation', percent(prediction.deviation_pct));
      add('Signal', prediction.signal, `signal-${prediction.signal}`);
      add('Strength', decimal(prediction.strength));
      if (prediction.note) {
        add('Note', prediction.note);
      }
    }
    const horizon = rule.horizon_days ? ` in ${rule.horizon_days} days` : '';
    add(`BUY hit rate${horizon}`, rule.buy_hit_rate === null ? 'not measured' : percent(rule.buy_hit_rate));
    add(`SELL hit rate${horizon}`, rule.sell_hit_rate === null ? 'not measured' : percent(rule.sell_hit_rate));
    add('Rule', `${rule.id} (${rule.unit})`);
    box.replaceChildren(heading, list);
    box.dataset.signal = prediction instanceof ApiError ? '' : prediction.signal;
  }
}
