import { useI18n } from '../i18n.js';

/** What the shared user panel shows; each product maps its own user shape onto it. */
export interface UserCardData {
  name: string;
  email: string | null;
  phone: string | null;
  referenceId: string | null;
  /** Custom properties with their labels (the definition's label, else the name). */
  properties: { name: string; label: string; value: unknown }[];
}

/** The customer's details beside a conversation: contact fields and custom properties. */
export function UserCard({ user, headingId }: { user: UserCardData; headingId: string }) {
  const { t } = useI18n();
  const show = (value: unknown) =>
    value === true
      ? t('details.yes')
      : value === false
        ? t('details.no')
        : value == null
          ? '—'
          : String(value);
  const rows: [string, string | null][] = [
    [t('details.name'), user.name],
    [t('details.email'), user.email],
    [t('details.phone'), user.phone],
    [t('details.reference'), user.referenceId],
  ];
  return (
    <section className="user-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('details.title')}</h2>
      <dl>
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <h3>{t('details.properties')}</h3>
      {user.properties.length === 0 ? (
        <p className="muted">{t('details.noProperties')}</p>
      ) : (
        <dl>
          {user.properties.map((property) => (
            <div key={property.name}>
              <dt>{property.label}</dt>
              <dd>{show(property.value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
