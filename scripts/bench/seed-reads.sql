-- Alerts and recommendations of one subscription, written straight into alert-service's and recommendation-service's
-- tables for the read benchmark: :alerts alerts over the last 30 days and :recommendations recommendations, on 1,000
-- and (recommendations / 9) machines in ten resource groups, with the mix of types, severities and states a large
-- estate shows (most alerts closed, a tenth open). Variables: sub, alerts, recommendations.

delete from alert.alert where subscription_id = :'sub';
delete from recommendation.recommendation where subscription_id = :'sub';

with types (n, alert_type, display_name, severity, intent) as (
    values (0, 'SshBruteForce', 'SSH brute force attack', 'Medium', 'CredentialAccess'),
           (1, 'RdpBruteForce', 'RDP brute force attack', 'Medium', 'CredentialAccess'),
           (2, 'SuccessfulLogonAfterBruteForce', 'Successful logon after a brute force attack', 'High', 'InitialAccess'),
           (3, 'NewLocalAccount', 'New local account created', 'Low', 'Persistence'),
           (4, 'AccountAddedToAdministrators', 'Account added to an administrators group', 'Medium',
            'PrivilegeEscalation'),
           (5, 'SecurityLogCleared', 'Security log cleared', 'Medium', 'DefenseEvasion'),
           (6, 'EncodedPowerShell', 'Encoded PowerShell command', 'Medium', 'Execution'),
           (7, 'MalwareDetected', 'Malware detected', 'High', 'Execution'),
           (8, 'AntimalwareDisabled', 'Antimalware protection disabled', 'Medium', 'DefenseEvasion'),
           (9, 'PortScan', 'Port scan', 'Low', 'Discovery')
), rows as (
    select i,
           i % 1000 as machine,
           (i % 1000) % 10 as rg,
           (i / 7) % 10 as type_n,
           now() - (i::double precision / :alerts) * interval '30 days' as started,
           case when i % 10 = 0 then 'Active' when i % 50 = 1 then 'InProgress'
                when i % 10 < 7 then 'Resolved' else 'Dismissed' end as status
    from generate_series(0, :alerts - 1) as i
)
insert into alert.alert (id, subscription_id, resource_group, resource_group_key, machine_name, machine_key,
                         compromised_entity, alert_type, entity_key, display_name, description, severity, status,
                         intent, entities, remediation_steps, start_time, end_time, event_count, created_at, updated_at)
select gen_random_uuid(), :'sub', 'rg-' || r.rg, 'rg-' || r.rg, format('vm-%s', lpad(r.machine::text, 5, '0')),
       lower(format('/subscriptions/%s/resourceGroups/rg-%s/machines/vm-%s', :'sub', r.rg, lpad(r.machine::text, 5, '0'))),
       format('/subscriptions/%s/resourceGroups/rg-%s/machines/vm-%s', :'sub', r.rg, lpad(r.machine::text, 5, '0')),
       t.alert_type, format('198.51.%s.%s', (r.i / 256) % 256, r.i % 256), t.display_name,
       format('%s on vm-%s from 198.51.%s.%s', t.display_name, lpad(r.machine::text, 5, '0'), (r.i / 256) % 256, r.i % 256),
       t.severity, r.status, t.intent,
       format('[{"type":"ip","address":"198.51.%s.%s"},{"type":"host","resourceId":"/subscriptions/%s/resourceGroups/rg-%s/machines/vm-%s"}]',
              (r.i / 256) % 256, r.i % 256, :'sub', r.rg, lpad(r.machine::text, 5, '0')),
       '["Linux: block the source address at the firewall.","Windows: block the source address in Windows Defender Firewall."]',
       r.started, r.started + interval '4 minutes', 10 + r.i % 90, r.started, r.started + interval '4 minutes'
from rows r join types t on t.n = r.type_n;

with types (n, type, severity) as (
    values (0, 'EnableDataCollection', 'High'), (1, 'RemediateOsVulnerabilities', 'Medium'),
           (2, 'ApplySystemUpdates', 'High'), (3, 'RebootAfterSystemUpdates', 'Low'),
           (4, 'InstallEndpointProtection', 'High'), (5, 'EnableVmAgent', 'Low'),
           (6, 'ApplyDiskEncryption', 'High'), (7, 'VulnerabilityAssessmentNotInstalled', 'Medium'),
           (8, 'RemediateVulnerabilities', 'High')
), rows as (
    select i, i / 9 as machine, (i / 9) % 10 as rg, i % 9 as type_n,
           case when i % 3 = 0 then 'Resolved' when i % 17 = 0 then 'Dismissed' else 'Active' end as state,
           now() - (i::double precision / :recommendations) * interval '90 days' as seen
    from generate_series(0, :recommendations - 1) as i
)
insert into recommendation.recommendation (id, subscription_id, resource_id, resource_key, resource_group_key,
                                           machine_key, type, severity, state, first_seen, state_changed_at, details,
                                           updated_at)
select gen_random_uuid(), :'sub',
       format('/subscriptions/%s/resourceGroups/rg-%s/machines/vm-%s', :'sub', r.rg, lpad(r.machine::text, 5, '0')),
       lower(format('/subscriptions/%s/resourceGroups/rg-%s/machines/vm-%s', :'sub', r.rg, lpad(r.machine::text, 5, '0'))),
       'rg-' || r.rg, format('vm-%s', lpad(r.machine::text, 5, '0')), t.type, t.severity, r.state, r.seen, r.seen,
       '{"updates": [{"id": "DSA-5343-1", "classification": "Security"}]}'::jsonb, r.seen
from rows r join types t on t.n = r.type_n;

analyze alert.alert;
analyze recommendation.recommendation;
