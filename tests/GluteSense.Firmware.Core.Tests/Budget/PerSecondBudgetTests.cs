namespace GluteSense.Firmware.Core.Tests.Budget;

/// <summary>docs/firmware-budget.md's per-second tables are the counted and computed ones, and the custom image meets
/// the targets at 4 x 2 kHz under the central assumption: managed work at most 30 % of one core, native at most 10 %.</summary>
public class PerSecondBudgetTests
{
    private static readonly string[] Labels =
    {
        "custom image (native module), 4 x 1000 Hz", "custom image (native module), 4 x 2000 Hz",
        "stock image (managed DRDY + chain), 4 x 1000 Hz", "stock image (managed DRDY + chain), 4 x 2000 Hz",
    };

    private static BudgetWorkload.Counts[] Counts() => new[]
    {
        InstrumentedCore.Run(nameof(BudgetWorkload.NativeDesign), 1000, PerSecondBudget.Channels),
        InstrumentedCore.Run(nameof(BudgetWorkload.NativeDesign), 2000, PerSecondBudget.Channels),
        InstrumentedCore.Run(nameof(BudgetWorkload.ManagedDesign), 1000, PerSecondBudget.Channels),
        InstrumentedCore.Run(nameof(BudgetWorkload.ManagedDesign), 2000, PerSecondBudget.Channels),
    };

    [Fact]
    public void DocumentPrintsTheCountedTablesAndTheCustomImageMeetsTheTargets()
    {
        BudgetWorkload.Counts[] counts = Counts();
        string managed = PerSecondBudget.ManagedTable(counts, Labels);
        string native = PerSecondBudget.NativeTable(2000);
        string doc = PerSecondBudget.Doc();
        Assert.True(doc.Contains(managed), "docs/firmware-budget.md must contain this table:\n" + managed);
        Assert.True(doc.Contains(native), "docs/firmware-budget.md must contain this table:\n" + native);

        BudgetWorkload.Counts target = counts[1];
        double managedUs = target.IlPerSecond * PerSecondBudget.UsPerIl[1] + target.CallsPerSecond * PerSecondBudget.UsPerCall[1];
        Assert.True(managedUs <= 0.30e6, $"managed work {managedUs / 1e4:0.0} % of a core at 4 x 2 kHz (target 30 %)");
        double nativeUs = PerSecondBudget.NativeUsPerSecond(2000, 1, out _, out _, out _)[3];
        Assert.True(nativeUs <= 0.10e6, $"native work {nativeUs / 1e4:0.0} % of a core at 4 x 2 kHz (target 10 %)");
    }

    [Fact]
    public void CountsDoNotDependOnTheRunAndTheNativeDesignDoesNotScaleWithTheRate()
    {
        BudgetWorkload.Counts a = InstrumentedCore.Run(nameof(BudgetWorkload.NativeDesign), 2000, PerSecondBudget.Channels);
        BudgetWorkload.Counts b = InstrumentedCore.Run(nameof(BudgetWorkload.NativeDesign), 2000, PerSecondBudget.Channels);
        Assert.Equal(a, b);
        BudgetWorkload.Counts low = InstrumentedCore.Run(nameof(BudgetWorkload.NativeDesign), 1000, PerSecondBudget.Channels);
        Assert.Equal(low.CallsPerSecond, a.CallsPerSecond);   // per block, not per sample
    }
}
