import { useState } from 'preact/hooks';
import type { Controller } from '../controller.js';
import type { CsatState } from '../state.js';

const RATINGS = [1, 2, 3, 4, 5];

/** The survey offered after a resolve: 1–5 and an optional comment, sent once; then thanks. */
export function Csat({ c, csat }: { c: Controller; csat: CsatState }) {
  const { t } = c;
  const [rating, setRating] = useState(0);
  const [review, setReview] = useState('');
  const [missing, setMissing] = useState(false);

  if (csat.status === 'thanks')
    return (
      <p class="tc-csat tc-csat-thanks" role="status">
        {t('csatThanks')}
      </p>
    );

  const error = missing ? t('csatChoose') : csat.error;
  return (
    <form
      class="tc-csat"
      aria-labelledby="tc-csat-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!rating) return setMissing(true);
        void c.rate(rating, review);
      }}
    >
      <h2 id="tc-csat-title" class="tc-form-title">
        {t('csatTitle')}
      </h2>
      <fieldset class="tc-stars">
        <legend class="tc-vh">{t('csatRating')}</legend>
        {RATINGS.map((n) => (
          <label key={n} class={`tc-star${n <= rating ? ' tc-star-on' : ''}`}>
            <input
              type="radio"
              name="tc-rating"
              value={n}
              checked={rating === n}
              onChange={() => {
                setRating(n);
                setMissing(false);
              }}
            />
            <span aria-hidden="true">★</span>
            <span class="tc-vh">{t('csatStar', { n })}</span>
          </label>
        ))}
      </fieldset>
      <label for="tc-csat-comment">{t('csatComment')}</label>
      <textarea
        id="tc-csat-comment"
        rows={2}
        maxLength={5000}
        value={review}
        onInput={(e) => setReview(e.currentTarget.value)}
      />
      {error ? (
        <p class="tc-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="tc-button" disabled={csat.status === 'sending'}>
        {t('csatSubmit')}
      </button>
    </form>
  );
}
