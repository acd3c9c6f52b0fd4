/** What a practice interview shows instead of a live candidate: an exemplar's written answer. */
export interface PracticeExemplar {
  title: string;
  answer: string;
  source: string;
}

/** The exemplar's answer, read instead of listened to, and marked as practice. */
export function PracticeAnswer({ practice }: { practice: PracticeExemplar }) {
  return (
    <section className="practice-answer" aria-labelledby="practice-answer-title">
      <h2 id="practice-answer-title" className="notice">
        Practice — not part of any real statistic
      </h2>
      <p className="hint">
        Read the answer below and score it as if you had heard it. After you submit, compare your scores with the
        reference key on the Practice page.
      </p>
      <blockquote>
        {practice.answer.split("\n").map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      </blockquote>
      <p className="hint">Source: {practice.source}</p>
    </section>
  );
}
