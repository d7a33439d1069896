import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FaqArticle, FaqArticleSummary, FaqCategory } from '../api.js';
import type { Controller } from '../controller.js';

type Place =
  | { kind: 'home' }
  | { kind: 'category'; category: FaqCategory }
  | { kind: 'article'; id: string; back: Place };

type Load<T> = { status: 'loading' } | { status: 'failed' } | { status: 'done'; value: T };

/** Runs `fetch` whenever `key` changes; an answer for an older key is dropped. */
function useLoad<T>(key: string, fetch: () => Promise<T>): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    fetch().then(
      (value) => live && setLoad({ status: 'done', value }),
      () => live && setLoad({ status: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return load;
}

/** The FAQ: search, categories → articles, an article with "did this help?" and "talk to us". */
export function Faq({ c, locale }: { c: Controller; locale: string }) {
  const { t } = c;
  const [place, setPlace] = useState<Place>({ kind: 'home' });
  const [query, setQuery] = useState('');
  const [term, setTerm] = useState('');
  // The first page keeps focus where it is; after a move, each new page's heading takes it.
  const [moved, setMoved] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setTerm(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const go = (next: Place) => {
    setQuery('');
    setTerm('');
    setMoved(true);
    setPlace(next);
  };
  const openArticle = (article: FaqArticleSummary) => go({ kind: 'article', id: article.id, back: place });

  return (
    <section class="tc-faq" aria-label={t('tabFaq')}>
      {place.kind !== 'article' ? (
        <form role="search" class="tc-search" onSubmit={(e) => e.preventDefault()}>
          <label for="tc-faq-q" class="tc-vh">
            {t('faqSearch')}
          </label>
          <input
            id="tc-faq-q"
            type="search"
            placeholder={t('faqSearchHint')}
            value={query}
            maxLength={200}
            onInput={(e) => {
              // Typing keeps focus in the search box, whatever page shows after.
              setMoved(false);
              setQuery(e.currentTarget.value);
            }}
          />
        </form>
      ) : null}
      {term ? (
        <SearchResults c={c} term={term} locale={locale} onOpen={openArticle} />
      ) : place.kind === 'home' ? (
        <Categories
          c={c}
          locale={locale}
          focus={moved}
          onOpen={(category) => go({ kind: 'category', category })}
        />
      ) : place.kind === 'category' ? (
        <Category
          c={c}
          category={place.category}
          focus={moved}
          onBack={() => go({ kind: 'home' })}
          onOpen={openArticle}
        />
      ) : (
        <Article c={c} id={place.id} focus={moved} onBack={() => go(place.back)} />
      )}
    </section>
  );
}

/** A page's heading; it takes focus when it appears, if asked to. */
function Heading({ focus, children }: { focus: boolean; children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, []);
  return (
    <h2 class="tc-form-title" ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}

function Status({ c, load }: { c: Controller; load: Load<unknown> }) {
  if (load.status === 'loading') return <p role="status">{c.t('loading')}</p>;
  if (load.status === 'failed') return <p role="alert">{c.t('loadFailed')}</p>;
  return null;
}

function ArticleList({
  articles,
  onOpen,
}: {
  articles: FaqArticleSummary[];
  onOpen: (a: FaqArticleSummary) => void;
}) {
  return (
    <ul class="tc-list">
      {articles.map((article) => (
        <li key={article.id}>
          <button type="button" class="tc-item" onClick={() => onOpen(article)}>
            <span class="tc-item-title">{article.title}</span>
            {article.snippet ? <span class="tc-item-note">{article.snippet}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}

function SearchResults(props: {
  c: Controller;
  term: string;
  locale: string;
  onOpen: (a: FaqArticleSummary) => void;
}) {
  const { c, term, locale, onOpen } = props;
  const load = useLoad(`${locale}:${term}`, () => c.api.faqSearch(term, locale));
  if (load.status !== 'done') return <Status c={c} load={load} />;
  return (
    <div role="region" aria-label={c.t('faqSearch')}>
      {load.value.articles.length ? (
        <ArticleList articles={load.value.articles} onOpen={onOpen} />
      ) : (
        <p role="status">{c.t('faqNoResults')}</p>
      )}
    </div>
  );
}

function Categories(props: {
  c: Controller;
  locale: string;
  focus: boolean;
  onOpen: (category: FaqCategory) => void;
}) {
  const { c, locale, focus, onOpen } = props;
  const { t } = c;
  const load = useLoad(locale, () => c.api.faqCategories(locale));
  return (
    <>
      <Heading focus={focus}>{t('faqCategories')}</Heading>
      {load.status !== 'done' ? (
        <Status c={c} load={load} />
      ) : load.value.categories.length === 0 ? (
        <p>{t('faqEmpty')}</p>
      ) : (
        <ul class="tc-list">
          {load.value.categories.map((category) => (
            <li key={category.id}>
              <button type="button" class="tc-item" onClick={() => onOpen(category)}>
                <span class="tc-item-title">{category.name}</span>
                <span class="tc-item-note">{t('faqArticles', { n: category.article_count })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Back({ c, onBack }: { c: Controller; onBack: () => void }) {
  return (
    <button type="button" class="tc-link tc-back" onClick={onBack}>
      <span aria-hidden="true">‹ </span>
      {c.t('faqBack')}
    </button>
  );
}

function Category(props: {
  c: Controller;
  category: FaqCategory;
  focus: boolean;
  onBack: () => void;
  onOpen: (a: FaqArticleSummary) => void;
}) {
  const { c, category, focus, onBack, onOpen } = props;
  const load = useLoad(category.id, () => c.api.faqArticles(category.id));
  return (
    <>
      <Back c={c} onBack={onBack} />
      <Heading focus={focus}>{category.name}</Heading>
      {category.description ? <p class="tc-item-note">{category.description}</p> : null}
      {load.status !== 'done' ? (
        <Status c={c} load={load} />
      ) : (
        <ArticleList articles={load.value.articles} onOpen={onOpen} />
      )}
    </>
  );
}

function Article(props: { c: Controller; id: string; focus: boolean; onBack: () => void }) {
  const { c, id, focus, onBack } = props;
  const { t } = c;
  const load = useLoad<FaqArticle>(id, () => c.api.faqArticle(id));
  const [vote, setVote] = useState<boolean | undefined>();
  const [thanks, setThanks] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const article = load.status === 'done' ? load.value : undefined;

  // Links in an article open outside the widget (the iframe must not navigate away).
  useEffect(() => {
    for (const link of body.current?.querySelectorAll('a') ?? []) {
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    }
  }, [article]);

  const helpful = vote ?? article?.feedback?.helpful;
  const send = async (value: boolean) => {
    setVote(value);
    await c.api.faqFeedback(id, value).then(
      () => setThanks(true),
      () => setVote(undefined),
    );
  };

  return (
    <article class="tc-article">
      <Back c={c} onBack={onBack} />
      {!article ? (
        <Status c={c} load={load} />
      ) : (
        <>
          <Heading focus={focus}>{article.title}</Heading>
          {/* Sanitized by Chat when the article was saved (allow-listed tags and attributes). */}
          <div class="tc-article-body" ref={body} dangerouslySetInnerHTML={{ __html: article.body }} />
          <div class="tc-feedback" role="group" aria-labelledby="tc-helpful">
            <p id="tc-helpful">{t('faqHelpful')}</p>
            <button
              type="button"
              class="tc-button tc-button-quiet"
              aria-pressed={helpful === true}
              onClick={() => void send(true)}
            >
              {t('yes')}
            </button>
            <button
              type="button"
              class="tc-button tc-button-quiet"
              aria-pressed={helpful === false}
              onClick={() => void send(false)}
            >
              {t('no')}
            </button>
            {thanks ? <p role="status">{t('faqThanks')}</p> : null}
          </div>
          <button type="button" class="tc-button" onClick={c.talkToUs}>
            {t('talkToUs')}
          </button>
        </>
      )}
    </article>
  );
}
