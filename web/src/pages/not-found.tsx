import { Link } from 'wouter';

export function NotFoundPage() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        No page here. <Link href="/">Back to the overview</Link>.
      </p>
    </>
  );
}
