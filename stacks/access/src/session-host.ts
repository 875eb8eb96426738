/**
 * One session host: a Windows 11 Enterprise multi-session VM with a NIC in the access spoke's avd subnet and
 * no public IP (its traffic leaves through the spoke's 0.0.0.0/0 route to the firewall), Trusted Launch
 * (Secure Boot, vTPM), joined to Microsoft Entra ID, registered with the host pool. docs/adr/0070-0072.
 *
 * Extensions, in the order Microsoft's host pool templates use (github.com/Azure/RDS-Templates):
 * 1. the AVD agent through the DSC extension (AddSessionHost): installs the agent and boot loader and
 *    registers the host with the token; aadJoin tells it the host is Entra ID joined;
 * 2. AADLoginForWindows: joins the VM to Entra ID (it needs the VM's system-assigned identity) and lets the
 *    "Virtual Machine User/Administrator Login" roles sign in.
 * https://learn.microsoft.com/azure/virtual-desktop/azure-ad-joined-session-hosts
 * https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows
 *
 * The token is read only when a host first registers: a later deployment's new token does not touch the
 * extensions of existing hosts (ignoreChanges), so they are not re-run on every deployment.
 */
import type { AvdModel, AvdSessionHostModel } from "@plugilo/model";
import { VirtualMachine, VirtualMachineExtension } from "@pulumi/azure-native/compute/index.js";
import { NetworkInterface } from "@pulumi/azure-native/network/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface SessionHostArgs {
  avd: AvdModel;
  host: AvdSessionHostModel;
  hostPoolName: pulumi.Input<string>;
  registrationToken: pulumi.Input<string>;
  adminPassword: pulumi.Input<string>;
  tags: Record<string, string>;
  /** The access spoke: the subnet must exist before the NIC. */
  network: pulumi.Resource[];
}

export class SessionHost extends pulumi.ComponentResource {
  readonly nic: NetworkInterface;
  readonly vm: VirtualMachine;
  readonly extensions: VirtualMachineExtension[];

  constructor(name: string, args: SessionHostArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:access:SessionHost", name, {}, opts);
    const { avd, host, tags } = args;
    const sh = avd.sessionHosts;
    const common = { resourceGroupName: avd.resourceGroup, location: avd.region, tags };

    this.nic = new NetworkInterface(
      host.nicName,
      {
        ...common,
        networkInterfaceName: host.nicName,
        enableAcceleratedNetworking: true,
        // Private only: no public IP, the subnet's NSG and route table apply.
        ipConfigurations: [
          { name: "ipconfig1", primary: true, privateIPAllocationMethod: "Dynamic", subnet: { id: avd.subnetId } },
        ],
      },
      { parent: this, dependsOn: args.network },
    );

    this.vm = new VirtualMachine(
      host.vmName,
      {
        ...common,
        vmName: host.vmName,
        ...(host.zone ? { zones: [host.zone] } : {}),
        hardwareProfile: { vmSize: sh.vmSize },
        // AADLoginForWindows needs a system-assigned identity to join Entra ID.
        identity: { type: "SystemAssigned" },
        licenseType: sh.licenseType,
        osProfile: {
          computerName: host.computerName,
          adminUsername: sh.adminUsername,
          adminPassword: args.adminPassword,
          windowsConfiguration: {
            enableAutomaticUpdates: true,
            provisionVMAgent: true,
            patchSettings: { patchMode: "AutomaticByOS" },
          },
        },
        securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
        storageProfile: {
          imageReference: { ...sh.image },
          osDisk: {
            name: host.osDiskName,
            createOption: "FromImage",
            caching: "ReadWrite",
            managedDisk: { storageAccountType: sh.osDiskType },
            // Pooled hosts keep no state: profiles stay on the host, nothing outlives it (docs/adr/0072).
            deleteOption: "Delete",
          },
        },
        networkProfile: { networkInterfaces: [{ id: this.nic.id, primary: true, deleteOption: "Delete" }] },
        // Boot diagnostics in managed storage: the serial console and screenshots without a storage account.
        diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      },
      // Azure takes the password at creation only.
      { parent: this, ignoreChanges: ["osProfile.adminPassword"] },
    );

    const agent = new VirtualMachineExtension(
      `${host.vmName}-avd-agent`,
      {
        ...common,
        vmName: this.vm.name,
        vmExtensionName: "Microsoft.PowerShell.DSC",
        publisher: "Microsoft.Powershell",
        type: "DSC",
        typeHandlerVersion: avd.agent.dscTypeHandlerVersion,
        autoUpgradeMinorVersion: true,
        settings: {
          modulesUrl: avd.agent.configurationUrl,
          configurationFunction: "Configuration.ps1\\AddSessionHost",
          properties: {
            hostPoolName: args.hostPoolName,
            // The token goes in protected settings; the DSC configuration reads it from there.
            registrationInfoTokenCredential: {
              UserName: "PLACEHOLDER_DO_NOT_USE",
              Password: "PrivateSettingsRef:RegistrationInfoToken",
            },
            aadJoin: true,
            UseAgentDownloadEndpoint: true,
            // No Intune enrollment (docs/adr/0070).
            mdmId: "",
          },
        },
        protectedSettings: { Items: { RegistrationInfoToken: args.registrationToken } },
      },
      { parent: this, ignoreChanges: ["protectedSettings"] },
    );
    const entraLogin = new VirtualMachineExtension(
      `${host.vmName}-entra-login`,
      {
        ...common,
        vmName: this.vm.name,
        vmExtensionName: "AADLoginForWindows",
        publisher: "Microsoft.Azure.ActiveDirectory",
        type: "AADLoginForWindows",
        typeHandlerVersion: avd.agent.entraLoginTypeHandlerVersion,
        autoUpgradeMinorVersion: true,
        settings: { mdmId: "" },
      },
      { parent: this, dependsOn: [agent] },
    );
    this.extensions = [agent, entraLogin];
    this.registerOutputs({ vmId: this.vm.id });
  }
}
