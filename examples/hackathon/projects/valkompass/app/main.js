// Count how many answers match each party and show the best match first.
export function score(answers, parties) {
  return parties
    .map((party) => ({
      name: party.name,
      score: party.answers.filter((a, i) => a === answers[i]).length,
    }))
    .sort((a, b) => b.score - a.score);
}
