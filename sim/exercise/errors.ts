/**
 * ExerciseError: an exercise that cannot be given — an unknown id, a seed that is not a whole number,
 * a moment the simulation never reaches — said with what was asked and what would do.
 */
export type ExerciseProblem = 'unknown-exercise' | 'bad-seed' | 'no-moment';

export class ExerciseError extends Error {
  override readonly name = 'ExerciseError';
  constructor(
    readonly problem: ExerciseProblem,
    message: string,
  ) {
    super(message);
  }
}
