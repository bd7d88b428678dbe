global using EspProv.Wifi.NetworkManager;
global using EspProv.Wifi.Tests.Support;
