namespace NeuralStyle.Benchmarks.Quality;

/// <summary>One styled result: its pair, configuration, strength value, scores and cost.</summary>
internal sealed record QualityRow(QualityPair Pair, QualityConfiguration Configuration, double Strength, QualityScores Scores, double Seconds, int Evaluations);
