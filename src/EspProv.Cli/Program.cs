using EspProv.Cli.Commands;

return await RootCommandFactory.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
