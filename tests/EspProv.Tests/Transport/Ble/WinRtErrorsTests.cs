using System.Runtime.InteropServices;
using EspProv.Ble.WinRT;
using EspProv.Errors;
using EspProv.Transport.Ble;

namespace EspProv.Tests.Transport.Ble;

/// <summary>
/// How the WinRT backend maps what WinRT calls throw (compiled in from src/EspProv.Ble.WinRT): every platform failure
/// becomes a <see cref="BleGattException"/>, typed errors and cancellation pass unchanged, releasing never throws.
/// </summary>
public sealed class WinRtErrorsTests
{
    [Theory]
    [InlineData(unchecked((int)0x80650005), BleGattError.AttError)]
    [InlineData(unchecked((int)0x8007048F), BleGattError.Disconnected)]
    [InlineData(unchecked((int)0x8000000E), BleGattError.Failed)]
    public void A_synchronous_call_that_throws_a_com_error_is_a_gatt_exception(int hresult, BleGattError expected)
    {
        var error = Assert.Throws<BleGattException>(() => WinRtErrors.Call<bool>(() => throw new COMException("A method was called at an unexpected time.", hresult), "Reading the pairing state"));

        Assert.Equal(expected, error.Error);
        if (expected == BleGattError.AttError)
        {
            Assert.Equal((byte)0x05, error.AttErrorCode);
        }
        else
        {
            Assert.Equal($"Reading the pairing state: A method was called at an unexpected time. (0x{hresult:X8})", error.Message);
        }
    }

    [Fact]
    public void A_released_object_is_a_lost_link()
    {
        var error = Assert.Throws<BleGattException>(() => WinRtErrors.Run(() => throw new ObjectDisposedException("BluetoothLEDevice"), "Reading the connection state"));

        Assert.Equal(BleGattError.Disconnected, error.Error);
    }

    [Fact]
    public async Task Typed_errors_and_cancellation_pass_unchanged()
    {
        var typed = new BleGattException(BleGattError.Failed, "Windows reported Failed");
        var unavailable = new BleUnavailableException(BleUnavailableReason.AdapterOff, "Bluetooth LE is unavailable: off.");

        Assert.Same(typed, Assert.Throws<BleGattException>(() => WinRtErrors.Call<bool>(() => throw typed, "Pairing")));
        Assert.Same(unavailable, await Assert.ThrowsAsync<BleUnavailableException>(() => WinRtErrors.CallAsync<bool>(() => throw unavailable, "Scanning")));
        await Assert.ThrowsAsync<TaskCanceledException>(() => WinRtErrors.CallAsync(() => Task.FromCanceled<bool>(new CancellationToken(true)), "Reading"));
    }

    [Fact]
    public async Task An_asynchronous_call_maps_what_it_throws_after_awaiting()
    {
        var error = await Assert.ThrowsAsync<BleGattException>(() => WinRtErrors.CallAsync<bool>(
            async () =>
            {
                await Task.Yield();
                throw new COMException("Insufficient Encryption", unchecked((int)0x8065000F));
            },
            "Writing"));

        Assert.Equal(BleAttErrors.InsufficientEncryption, error.AttErrorCode);
    }

    [Fact]
    public void Quietly_swallows_a_platform_failure_so_the_release_step_after_it_runs()
    {
        var steps = 0;

        WinRtErrors.Quietly(() => throw new COMException("The object has been closed.", unchecked((int)0x80000013)));
        WinRtErrors.Quietly(() => steps++);

        Assert.Equal(1, steps);
    }
}
