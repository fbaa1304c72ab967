[assembly: AssemblyFixture(typeof(TestInfrastructure))]
