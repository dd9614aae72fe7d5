<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../enact_match/ui/about_dialog.py" line="74"/>
        <source>About ENACT Match</source>
        <translation>À propos d’ENACT Match</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/about_dialog.py" line="75"/>
        <source>ENACT Match %1</source>
        <translation>ENACT Match %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/about_dialog.py" line="78"/>
        <source>Connects companies&apos; R&amp;D needs with the research teams of the Grand Est region.
Licence: MIT.
Data: %1</source>
        <translation>Met en relation les besoins de R&amp;D des entreprises avec les équipes de recherche du Grand Est.
Licence : MIT.
Données : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/about_dialog.py" line="82"/>
        <source>Components and their licences:</source>
        <translation>Composants et leurs licences :</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../enact_match/ui/app.py" line="61"/>
        <source>Cannot open the database</source>
        <translation>Impossible d’ouvrir la base de données</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/app.py" line="62"/>
        <source>%1 could not be opened: %2</source>
        <translation>%1 n’a pas pu être ouverte : %2</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/app.py" line="92"/>
        <source>The database file is in a folder synchronised with a cloud service (Dropbox, OneDrive, Google Drive, iCloud, Nextcloud). Synchronisation can corrupt it: move it to a local folder.</source>
        <translation>Le fichier de la base est dans un dossier synchronisé avec un service en ligne (Dropbox, OneDrive, Google Drive, iCloud, Nextcloud). La synchronisation peut l’endommager : déplacez-le dans un dossier local.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/app.py" line="97"/>
        <source>The database file is on a network share, where it can be corrupted. Move it to a local disk, or use a PostgreSQL server for a team.</source>
        <translation>Le fichier de la base est sur un partage réseau, où il peut être endommagé. Déplacez-le sur un disque local, ou utilisez un serveur PostgreSQL pour une équipe.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/app.py" line="110"/>
        <source>Risky database location</source>
        <translation>Emplacement risqué pour la base</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/app.py" line="115"/>
        <source>The database is damaged</source>
        <translation>La base de données est endommagée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/app.py" line="120"/>
        <source>The last session did not end normally and the database fails its integrity check (%1). No sound backup was found.</source>
        <translation>La dernière session ne s’est pas terminée normalement et la base échoue à la vérification d’intégrité (%1). Aucune sauvegarde saine n’a été trouvée.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/app.py" line="129"/>
        <source>The last session did not end normally and the database fails its integrity check (%1). Restore the last sound backup, made on %2? The damaged database is kept as a backup too.</source>
        <translation>La dernière session ne s’est pas terminée normalement et la base échoue à la vérification d’intégrité (%1). Restaurer la dernière sauvegarde saine, faite le %2 ? La base endommagée est elle aussi gardée en sauvegarde.</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="66"/>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="73"/>
        <source>Made on</source>
        <translation>Faite le</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="73"/>
        <source>Why</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="73"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="77"/>
        <source>automatic (every 30 minutes)</source>
        <translation>automatique (toutes les 30 minutes)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="78"/>
        <source>made by hand</source>
        <translation>faite à la main</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="79"/>
        <source>before an import</source>
        <translation>avant un import</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="80"/>
        <source>before a merge</source>
        <translation>avant une fusion</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="81"/>
        <source>before a database upgrade</source>
        <translation>avant une mise à jour de la base</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="82"/>
        <source>before a restore</source>
        <translation>avant une restauration</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="132"/>
        <location filename="../../enact_match/ui/backups_dialog.py" line="196"/>
        <source>Backups</source>
        <translation>Sauvegardes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="135"/>
        <source>This database is on a server: its backups are made by the server&apos;s administrator.</source>
        <translation>Cette base est sur un serveur : ses sauvegardes sont faites par l’administrateur du serveur.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="140"/>
        <source>Backups are checked copies of the database, made every 30 minutes when the data changed and before every import, merge or upgrade. They are kept in %1.</source>
        <translation>Les sauvegardes sont des copies vérifiées de la base, faites toutes les 30 minutes quand les données ont changé et avant chaque import, fusion ou mise à jour. Elles sont gardées dans %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="144"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="145"/>
        <source>&amp;Restore…</source>
        <translation>&amp;Restaurer…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="166"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="166"/>
        <source>Choose the backup to restore in the list.</source>
        <translation>Choisissez dans la liste la sauvegarde à restaurer.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="171"/>
        <source>Replace all the data with the backup of %1? The current data is backed up first, so this can be undone by restoring that backup.</source>
        <translation>Remplacer toutes les données par la sauvegarde du %1 ? Les données actuelles sont d’abord sauvegardées : restaurer cette sauvegarde annule l’opération.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="174"/>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="188"/>
        <source>Backup restored</source>
        <translation>Sauvegarde restaurée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/backups_dialog.py" line="189"/>
        <source>The backup was restored. The data it replaced is kept in the backup made just before.</source>
        <translation>La sauvegarde a été restaurée. Les données remplacées sont gardées dans la sauvegarde faite juste avant.</translation>
    </message>
</context>
<context>
    <name>BundlesDialog</name>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="103"/>
        <source>Matches</source>
        <translation>Mises en relation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="104"/>
        <source>Publications</source>
        <translation>Publications</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="105"/>
        <source>Exclusions</source>
        <translation>Exclusions</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="106"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="107"/>
        <source>Event participants</source>
        <translation>Participants aux événements</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="108"/>
        <source>Meeting requests</source>
        <translation>Demandes de rendez-vous</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="109"/>
        <source>Meetings</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="116"/>
        <source>Deleted or kept</source>
        <translation>Supprimée ou conservée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="123"/>
        <source>kept, with the other laptop&apos;s edits</source>
        <translation>conservée, avec les modifications de l’autre ordinateur</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="125"/>
        <source>deleted</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="128"/>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="197"/>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="380"/>
        <source>Laptop bundles</source>
        <translation>Lots de modifications entre ordinateurs</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="200"/>
        <source>Colleagues working on other laptops exchange bundles: one file with the changes of a database. Merging a bundle adds and updates records and never silently overwrites a field edited on both laptops: such fields are listed below for you to choose.</source>
        <translation>Des collègues qui travaillent sur d’autres ordinateurs portables échangent des lots de modifications : un fichier avec les modifications d’une base. Fusionner un lot ajoute et met à jour des fiches, sans jamais écraser en silence un champ modifié sur les deux ordinateurs : ces champs sont listés ci-dessous pour que vous choisissiez.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="205"/>
        <source>Fields edited on two laptops:</source>
        <translation>Champs modifiés sur deux ordinateurs :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="206"/>
        <source>Keep:</source>
        <translation>Garder :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="207"/>
        <source>&amp;Keep this value</source>
        <translation>&amp;Garder cette valeur</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="208"/>
        <source>&amp;Export my changes…</source>
        <translation>&amp;Exporter mes modifications…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="209"/>
        <source>&amp;Merge a bundle…</source>
        <translation>&amp;Fusionner un lot…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="223"/>
        <source>ENACT Match bundles (*%1);;All files (*)</source>
        <translation>Lots de modifications ENACT Match (*%1);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="228"/>
        <source>Export my changes</source>
        <translation>Exporter mes modifications</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="238"/>
        <source>Bundle written: %1 (%2 records). Give this file to your colleagues to merge.</source>
        <translation>Lot enregistré : %1 (%2 fiches). Transmettez ce fichier à vos collègues pour qu’ils le fusionnent.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="246"/>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="276"/>
        <source>Merge a bundle</source>
        <translation>Fusionner un lot</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="255"/>
        <source>Reading the bundle…</source>
        <translation>Lecture du lot…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="273"/>
        <source>%1

Merge this bundle now? The database is backed up first.</source>
        <translation>%1

Fusionner ce lot maintenant ? La base est d’abord sauvegardée.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="280"/>
        <source>Merging the bundle…</source>
        <translation>Fusion du lot…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="295"/>
        <source>What the bundle would change:</source>
        <translation>Ce que le lot modifierait :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="295"/>
        <source>What the merge changed:</source>
        <translation>Ce que la fusion a modifié :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="299"/>
        <source>%1: %2 added, %3 updated, %4 deleted</source>
        <translation>%1 : %2 ajouts, %3 mises à jour, %4 suppressions</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="306"/>
        <source> (%1 waiting for a record not received yet)</source>
        <translation> (%1 en attente d’une fiche pas encore reçue)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="311"/>
        <source>Nothing new: this bundle was already merged.</source>
        <translation>Rien de nouveau : ce lot a déjà été fusionné.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="313"/>
        <source>%1 history entries added</source>
        <translation>%1 entrées d’historique ajoutées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="316"/>
        <source>%1 persons erased at their request on another laptop were erased here too</source>
        <translation>%1 personnes effacées à leur demande sur un autre ordinateur ont aussi été effacées ici</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="322"/>
        <source>%1 fields were edited on both laptops: choose the value to keep below.</source>
        <translation>%1 champs ont été modifiés sur les deux ordinateurs : choisissez ci-dessous la valeur à garder.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="328"/>
        <source>Possibly the same company: %1 and %2 (Edit → Find duplicates)</source>
        <translation>Peut-être la même entreprise : %1 et %2 (Édition → Trouver les doublons)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="385"/>
        <source>The file cannot be read.</source>
        <translation>Le fichier ne peut pas être lu.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="386"/>
        <source>This file is not an ENACT Match bundle.</source>
        <translation>Ce fichier n’est pas un lot de modifications ENACT Match.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="387"/>
        <source>The bundle is damaged (an incomplete copy?). Nothing was changed.</source>
        <translation>Le lot est endommagé (copie incomplète ?). Rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="388"/>
        <source>The bundle is too large.</source>
        <translation>Le lot est trop volumineux.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="389"/>
        <source>The bundle was made by an incompatible version of ENACT Match.</source>
        <translation>Le lot a été créé par une version incompatible d’ENACT Match.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="391"/>
        <source>The bundle was made by a newer version of ENACT Match: update this one.</source>
        <translation>Le lot a été créé par une version plus récente d’ENACT Match : mettez à jour celle-ci.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="393"/>
        <source>This conflict was already settled.</source>
        <translation>Ce conflit a déjà été réglé.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="394"/>
        <source>Choose one of the values.</source>
        <translation>Choisissez l’une des valeurs.</translation>
    </message>
</context>
<context>
    <name>ColumnMappingModel</name>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="190"/>
        <source>(ignored)</source>
        <translation>(ignorée)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="196"/>
        <source>%1 % · %2</source>
        <translation>%1 % · %2</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="237"/>
        <source>Column of the file</source>
        <translation>Colonne du fichier</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="238"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="239"/>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
</context>
<context>
    <name>ConflictTableModel</name>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="84"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="85"/>
        <source>Record</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="87"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/bundles_dialog.py" line="89"/>
        <source>Values</source>
        <translation>Valeurs</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="402"/>
        <source>All dates</source>
        <translation>Toutes les dates</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="403"/>
        <source>This quarter</source>
        <translation>Ce trimestre</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="404"/>
        <source>Last quarter</source>
        <translation>Trimestre précédent</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="405"/>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="406"/>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="407"/>
        <source>Custom period</source>
        <translation>Période personnalisée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="411"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="412"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="414"/>
        <source>All axes</source>
        <translation>Tous les axes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="418"/>
        <location filename="../../enact_match/ui/dashboard_page.py" line="525"/>
        <source>All structures</source>
        <translation>Toutes les structures</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="419"/>
        <source>Export report…</source>
        <translation>Exporter le rapport…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="421"/>
        <source>The figures, charts and gaps as PDF or XLSX, in French or English</source>
        <translation>Les indicateurs, graphiques et compétences manquantes en PDF ou XLSX, en français ou en anglais</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="423"/>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="425"/>
        <source>Needs received</source>
        <translation>Besoins reçus</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="426"/>
        <source>Matches proposed</source>
        <translation>Mises en relation proposées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="427"/>
        <source>Introduced</source>
        <translation>Présentées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="428"/>
        <source>Collaborations started</source>
        <translation>Collaborations engagées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="429"/>
        <source>Median days to first introduction</source>
        <translation>Délai médian avant la première présentation (jours)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="430"/>
        <source>Research units with a match</source>
        <translation>Unités de recherche avec une mise en relation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="434"/>
        <source>Needs per axis</source>
        <translation>Besoins par axe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="435"/>
        <source>Needs per structure</source>
        <translation>Besoins par structure</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="436"/>
        <source>Needs per month</source>
        <translation>Besoins par mois</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="438"/>
        <source>Matching funnel</source>
        <translation>Entonnoir des mises en relation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="440"/>
        <source>Each match is counted once, at the furthest stage it had reached by the end of the period.</source>
        <translation>Chaque mise en relation compte une fois, à l’étape la plus avancée qu’elle avait atteinte à la fin de la période.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="443"/>
        <source>Collaborations started by type</source>
        <translation>Collaborations engagées par type</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="444"/>
        <source>Competency gaps</source>
        <translation>Compétences manquantes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="447"/>
        <source>Needs for which no team scores well, grouped by theme: what the cluster could recruit or fund (chairs, theses).</source>
        <translation>Besoins pour lesquels aucune équipe n’obtient un bon score, regroupés par thème : ce que le cluster pourrait recruter ou financer (chaires, thèses).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="553"/>
        <source>Cannot compute the figures</source>
        <translation>Impossible de calculer les indicateurs</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="578"/>
        <source>%1 needs introduced, %2 still waiting; half of the introductions took between %3 and %4 days</source>
        <translation>%1 besoins présentés, %2 encore en attente ; la moitié des présentations a pris entre %3 et %4 jours</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="589"/>
        <source>No axis</source>
        <translation>Sans axe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="589"/>
        <source>No structure</source>
        <translation>Sans structure</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="618"/>
        <source>Coverage: %1 of %2 research units had a team proposed, %3 introduced, %4 in a collaboration. By institution (units with a team proposed): %5</source>
        <translation>Couverture : %1 unités de recherche sur %2 ont eu une équipe proposée, %3 présentée, %4 en collaboration. Par tutelle (unités avec une équipe proposée) : %5</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="667"/>
        <source>PDF in French (*.pdf)</source>
        <translation>PDF en français (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="668"/>
        <source>PDF in English (*.pdf)</source>
        <translation>PDF en anglais (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="669"/>
        <source>Excel workbook in French (*.xlsx)</source>
        <translation>Classeur Excel en français (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="670"/>
        <source>Excel workbook in English (*.xlsx)</source>
        <translation>Classeur Excel en anglais (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="674"/>
        <source>Export the report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="699"/>
        <source>Report written</source>
        <translation>Rapport enregistré</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="699"/>
        <source>%1 is written.</source>
        <translation>%1 est enregistré.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="703"/>
        <source>Writing the report…</source>
        <translation>Rédaction du rapport…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="703"/>
        <source>Cannot write the report</source>
        <translation>Impossible d’écrire le rapport</translation>
    </message>
</context>
<context>
    <name>DatabaseKey</name>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="180"/>
        <source>Passphrase not remembered</source>
        <translation>Phrase secrète non mémorisée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="181"/>
        <source>The keyring refused the passphrase (is it locked?): type it at the next start.</source>
        <translation>Le trousseau de clés a refusé la phrase secrète (est-il verrouillé ?) : saisissez-la au prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="189"/>
        <source>This database is encrypted, and encryption needs the optional sqlcipher3 package, which is not installed. Install enact-match[encryption].</source>
        <translation>Cette base est chiffrée, et le chiffrement nécessite le module optionnel sqlcipher3, qui n’est pas installé. Installez enact-match[encryption].</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="222"/>
        <source>Encrypted database</source>
        <translation>Base de données chiffrée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="235"/>
        <source>The database is open in another window or command. Close it and try again; nothing changed.</source>
        <translation>La base est ouverte dans une autre fenêtre ou commande. Fermez-la et réessayez ; rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="239"/>
        <source>The encrypted copy failed its check and was removed; nothing changed.</source>
        <translation>La copie chiffrée a échoué à la vérification et a été supprimée ; rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="242"/>
        <source>Encryption needs the optional sqlcipher3 package (enact-match[encryption]).</source>
        <translation>Le chiffrement nécessite le module optionnel sqlcipher3 (enact-match[encryption]).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="245"/>
        <source>Wrong passphrase; nothing changed.</source>
        <translation>Phrase secrète incorrecte ; rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="257"/>
        <source>Encrypt this database</source>
        <translation>Chiffrer cette base</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="286"/>
        <source>Change the passphrase</source>
        <translation>Changer la phrase secrète</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="302"/>
        <source>Encrypting the database and its backups with the new passphrase…</source>
        <translation>Chiffrement de la base et de ses sauvegardes avec la nouvelle phrase secrète…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="304"/>
        <source>The database and its %1 backups now open with the new passphrase.</source>
        <translation>La base et ses %1 sauvegardes s’ouvrent désormais avec la nouvelle phrase secrète.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="315"/>
        <source>Decrypt this database</source>
        <translation>Déchiffrer cette base</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="319"/>
        <source>The database and its backups will be stored unencrypted: anyone who gets this computer&apos;s disk or a copy of the files can read them. Decrypt?</source>
        <translation>La base et ses sauvegardes seront stockées en clair : quiconque obtient le disque de cet ordinateur ou une copie des fichiers pourra les lire. Déchiffrer ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="334"/>
        <source>Decrypting the database and its backups…</source>
        <translation>Déchiffrement de la base et de ses sauvegardes…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="336"/>
        <source>The database and its %1 backups are no longer encrypted.</source>
        <translation>La base et ses %1 sauvegardes ne sont plus chiffrées.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="347"/>
        <source>Only a database file can be encrypted; a PostgreSQL server protects its own disks.</source>
        <translation>Seul un fichier de base de données peut être chiffré ; un serveur PostgreSQL protège ses propres disques.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="359"/>
        <source>This database is not encrypted.</source>
        <translation>Cette base n’est pas chiffrée.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="262"/>
        <source>This database is already encrypted.</source>
        <translation>Cette base est déjà chiffrée.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="273"/>
        <source>Encrypting the database and its backups…</source>
        <translation>Chiffrement de la base et de ses sauvegardes…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="275"/>
        <source>The database and its %1 backups are encrypted.</source>
        <translation>La base et ses %1 sauvegardes sont chiffrées.</translation>
    </message>
</context>
<context>
    <name>DatabaseKeyDialog</name>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="125"/>
        <source>Encrypt this database</source>
        <translation>Chiffrer cette base</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="128"/>
        <source>%1 and its backups will be encrypted with this passphrase. Without it nobody, not even you, can read them again. Exports and PDF briefs stay unencrypted.</source>
        <translation>%1 et ses sauvegardes seront chiffrés avec cette phrase secrète. Sans elle, personne, pas même vous, ne pourra plus les lire. Les exports et les fiches PDF restent non chiffrés.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="133"/>
        <source>Encrypted database</source>
        <translation>Base de données chiffrée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="135"/>
        <source>%1 is encrypted. Type its passphrase.</source>
        <translation>%1 est chiffré. Saisissez sa phrase secrète.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="137"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase secrète :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="138"/>
        <source>&amp;Again:</source>
        <translation>&amp;Confirmation :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="139"/>
        <source>&amp;Remember it in this computer&apos;s keyring</source>
        <translation>&amp;Mémoriser dans le trousseau de clés de cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="142"/>
        <source>This computer has no keyring service, so the passphrase cannot be remembered: you will type it at each start. It is never written to a file.</source>
        <translation>Cet ordinateur n’a pas de service de trousseau de clés : la phrase secrète ne peut pas être mémorisée et vous la saisirez à chaque démarrage. Elle n’est jamais écrite dans un fichier.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="159"/>
        <source>Wrong passphrase: try again.</source>
        <translation>Phrase secrète incorrecte : réessayez.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="161"/>
        <source>At least %1 characters.</source>
        <translation>Au moins %1 caractères.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/database_key_dialog.py" line="163"/>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes sont différentes.</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="328"/>
        <source>Duplicates</source>
        <translation>Doublons</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="329"/>
        <source>&amp;Look among:</source>
        <translation>&amp;Chercher parmi :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="332"/>
        <source>Record to &amp;keep:</source>
        <translation>Fiche à &amp;conserver :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="335"/>
        <source>Tick the value to keep in each row. The other records are then deleted: their needs, contacts, matches and history move to the kept record.</source>
        <translation>Cochez la valeur à garder sur chaque ligne. Les autres fiches sont ensuite supprimées : leurs besoins, contacts, mises en relation et historiques passent sur la fiche conservée.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="339"/>
        <source>&amp;Merge…</source>
        <translation>&amp;Fusionner…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="358"/>
        <source>Looking for duplicates…</source>
        <translation>Recherche des doublons…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="393"/>
        <source>No duplicates found.</source>
        <translation>Aucun doublon trouvé.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="396"/>
        <source>1 group of duplicates</source>
        <translation>1 groupe de doublons</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="396"/>
        <source>%1 groups of duplicates</source>
        <translation>%1 groupes de doublons</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="440"/>
        <source>Cannot read the records</source>
        <translation>Lecture des fiches impossible</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="469"/>
        <source>Merge “%1” into “%2”? “%1” is deleted; its needs, contacts, matches and history move to “%2”.</source>
        <translation>Fusionner « %1 » dans « %2 » ? « %1 » est supprimée ; ses besoins, contacts, mises en relation et son historique passent sur « %2 ».</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="474"/>
        <source>Merge %1 records into “%2”? They are deleted; their needs, contacts, matches and history move to “%2”.</source>
        <translation>Fusionner %1 fiches dans « %2 » ? Elles sont supprimées ; leurs besoins, contacts, mises en relation et historiques passent sur « %2 ».</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="477"/>
        <source>Merge duplicates</source>
        <translation>Fusionner des doublons</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="492"/>
        <source>Cannot merge</source>
        <translation>Fusion impossible</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="157"/>
        <source>New event</source>
        <translation>Nouvel événement</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="157"/>
        <source>Edit the event</source>
        <translation>Modifier l’événement</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="159"/>
        <source>&amp;Reference:</source>
        <translation>&amp;Référence :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="160"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="161"/>
        <source>&amp;Venue:</source>
        <translation>&amp;Lieu :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="162"/>
        <source>&amp;First day:</source>
        <translation>&amp;Premier jour :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="163"/>
        <source>&amp;Last day:</source>
        <translation>&amp;Dernier jour :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="164"/>
        <source>Day &amp;starts at:</source>
        <translation>Dé&amp;but de journée :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="165"/>
        <source>Day &amp;ends at:</source>
        <translation>&amp;Fin de journée :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="166"/>
        <source>Slot &amp;length:</source>
        <translation>Durée d’un &amp;créneau :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="167"/>
        <source>Breaks:</source>
        <translation>Pauses :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="168"/>
        <source>&amp;Tables:</source>
        <translation>&amp;Tables :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="172"/>
        <source>&amp;Max. meetings each:</source>
        <translation>Rendez-vous &amp;max. par participant :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="173"/>
        <source>e.g. EV-2027-METZ</source>
        <translation>par ex. EV-2027-METZ</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="174"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="175"/>
        <source>&amp;Add a break</source>
        <translation>&amp;Ajouter une pause</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="176"/>
        <source>The tables&apos; names, separated by commas</source>
        <translation>Les noms des tables, séparés par des virgules</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="177"/>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="179"/>
        <location filename="../../enact_match/ui/event_dialog.py" line="212"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="280"/>
        <source>Someone changed this event meanwhile: close this window and open it again.</source>
        <translation>Quelqu’un a modifié cet événement entre-temps : fermez cette fenêtre et rouvrez-la.</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="54"/>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="54"/>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="62"/>
        <source>Must meet</source>
        <translation>Indispensable</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="63"/>
        <source>Would like</source>
        <translation>Souhaité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="64"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="73"/>
        <source>Accepted suggestion</source>
        <translation>Suggestion retenue</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="74"/>
        <source>Participant&apos;s wish</source>
        <translation>Souhait du participant</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="75"/>
        <source>By hand</source>
        <translation>Saisie manuelle</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="84"/>
        <source>Requested</source>
        <translation>Demandé</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="85"/>
        <source>Do not want</source>
        <translation>Non souhaité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="86"/>
        <location filename="../../enact_match/ui/events_models.py" line="97"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="95"/>
        <source>To be confirmed</source>
        <translation>À confirmer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="96"/>
        <source>Confirmed</source>
        <translation>Confirmé</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="107"/>
        <source>The company and the team are never available at the same time</source>
        <translation>L’entreprise et l’équipe ne sont jamais disponibles en même temps</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="110"/>
        <source>The company has reached its maximum number of meetings</source>
        <translation>L’entreprise a atteint son nombre maximal de rendez-vous</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="111"/>
        <source>The team has reached its maximum number of meetings</source>
        <translation>L’équipe a atteint son nombre maximal de rendez-vous</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="112"/>
        <source>Every common slot is taken by meetings worth more, or all tables are busy</source>
        <translation>Tous les créneaux communs sont pris par des rendez-vous plus pertinents, ou toutes les tables sont occupées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="115"/>
        <source>One side no longer takes part in the event</source>
        <translation>L’une des deux parties ne participe plus à l’événement</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="116"/>
        <source>The optimiser found no plan within the time limit</source>
        <translation>L’optimiseur n’a trouvé aucun planning dans le temps imparti</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="125"/>
        <source>This event no longer exists.</source>
        <translation>Cet événement n’existe plus.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="126"/>
        <source>Another event already has the reference %1.</source>
        <translation>Un autre événement a déjà la référence %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="127"/>
        <source>The reference and the name are required.</source>
        <translation>La référence et le nom sont obligatoires.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="128"/>
        <source>The last day is before the first day.</source>
        <translation>Le dernier jour précède le premier jour.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="129"/>
        <source>The day must end after it starts.</source>
        <translation>La journée doit finir après son début.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="130"/>
        <source>The slot length must be 5 to 240 minutes and leave at least one slot in the day.</source>
        <translation>La durée d’un créneau doit être de 5 à 240 minutes et laisser au moins un créneau dans la journée.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="133"/>
        <source>Each break must end after it starts, within the day&apos;s hours (%1).</source>
        <translation>Chaque pause doit finir après son début, dans les horaires de la journée (%1).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="134"/>
        <source>Give each table a name, without duplicates.</source>
        <translation>Donnez un nom à chaque table, sans doublon.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="135"/>
        <source>The maximum number of meetings must be at least 1.</source>
        <translation>Le nombre maximal de rendez-vous doit être d’au moins 1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="136"/>
        <source>Unknown time zone: %1.</source>
        <translation>Fuseau horaire inconnu : %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="137"/>
        <source>Unknown structure: %1.</source>
        <translation>Structure inconnue : %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="138"/>
        <source>A participant is a company or a team.</source>
        <translation>Un participant est une entreprise ou une équipe.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="139"/>
        <source>No company has the reference %1.</source>
        <translation>Aucune entreprise n’a la référence %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="140"/>
        <source>No team has the reference %1.</source>
        <translation>Aucune équipe n’a la référence %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="141"/>
        <source>%1 does not take part in this event.</source>
        <translation>%1 ne participe pas à cet événement.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="142"/>
        <source>%1 is not a contact of this participant.</source>
        <translation>%1 n’est pas un contact de ce participant.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="143"/>
        <source>An availability window must end after it starts (%1).</source>
        <translation>Une plage de disponibilité doit finir après son début (%1).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="144"/>
        <source>Unknown priority: %1.</source>
        <translation>Priorité inconnue : %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="145"/>
        <source>The relevance must be between 0 and 100.</source>
        <translation>La pertinence doit être comprise entre 0 et 100.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="146"/>
        <source>Unknown wish: %1.</source>
        <translation>Souhait inconnu : %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="147"/>
        <source>These two said they do not want to meet (%1): record another wish first.</source>
        <translation>Ces deux participants ont dit ne pas vouloir se rencontrer (%1) : enregistrez d’abord un autre souhait.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="150"/>
        <source>No meeting request between %1.</source>
        <translation>Aucune demande de rendez-vous entre %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="151"/>
        <source>No scheduled meeting between %1.</source>
        <translation>Aucun rendez-vous planifié entre %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="152"/>
        <source>The time limit must be a positive number of seconds.</source>
        <translation>La limite de temps doit être un nombre positif de secondes.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="153"/>
        <source>The event changed while the schedule was computed: schedule it again.</source>
        <translation>L’événement a changé pendant le calcul du planning : relancez la planification.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="156"/>
        <source>Agendas are written in French or English only.</source>
        <translation>Les agendas ne sont rédigés qu’en français ou en anglais.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="157"/>
        <source>The folder cannot be created: %1</source>
        <translation>Impossible de créer le dossier : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="158"/>
        <source>A file cannot be written: %1</source>
        <translation>Impossible d’écrire un fichier : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="227"/>
        <source>All day</source>
        <translation>Toute la journée</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="380"/>
        <location filename="../../enact_match/ui/events_page.py" line="558"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="381"/>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="382"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="383"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="385"/>
        <source>&amp;Participants</source>
        <translation>&amp;Participants</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="385"/>
        <source>Re&amp;quests</source>
        <translation>&amp;Demandes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="385"/>
        <source>&amp;Schedule</source>
        <translation>P&amp;lanning</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="385"/>
        <source>&amp;Outputs</source>
        <translation>D&amp;ocuments</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="393"/>
        <source>Company or team:</source>
        <translation>Entreprise ou équipe :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="394"/>
        <source>Attendees:</source>
        <translation>Personnes présentes :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="395"/>
        <source>Available:</source>
        <translation>Disponibilités :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="396"/>
        <source>Max. meetings:</source>
        <translation>Rendez-vous max. :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="401"/>
        <source>Type a name or a reference…</source>
        <translation>Saisissez un nom ou une référence…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="402"/>
        <source>Who comes, e.g. R&amp;D director and process engineer</source>
        <translation>Qui vient, par ex. directeur R&amp;D et ingénieur procédés</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="403"/>
        <source>All day, or e.g. 09:00-12:00, 14:00-16:20</source>
        <translation>Toute la journée, ou par ex. 09:00-12:00, 14:00-16:20</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="404"/>
        <source>as the event</source>
        <translation>comme l’événement</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="405"/>
        <source>&amp;Add or update</source>
        <translation>&amp;Ajouter ou mettre à jour</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="406"/>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="407"/>
        <source>Add from &amp;accepted suggestions</source>
        <translation>Ajouter les suggestions &amp;retenues</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="408"/>
        <source>Add by &amp;hand…</source>
        <translation>A&amp;jouter à la main…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="409"/>
        <source>Do &amp;not want</source>
        <translation>Non souhai&amp;té</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="411"/>
        <source>The selected pair does not want to meet: never schedule it</source>
        <translation>La paire sélectionnée ne souhaite pas se rencontrer : ne jamais la planifier</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="413"/>
        <source>&amp;Time limit:</source>
        <translation>Limite de &amp;temps :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="414"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="415"/>
        <source>Re-plan e&amp;verything (confirmed meetings too)</source>
        <translation>Tout &amp;replanifier (rendez-vous confirmés compris)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="416"/>
        <source>&amp;Confirm</source>
        <translation>&amp;Confirmer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="418"/>
        <source>Confirm the selected meetings (all proposed meetings when none is selected)</source>
        <translation>Confirmer les rendez-vous sélectionnés (tous les rendez-vous proposés si aucun n’est sélectionné)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="421"/>
        <source>Requests not placed</source>
        <translation>Demandes non placées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="424"/>
        <source>Writes into a folder: a PDF agenda and a calendar file (.ics) per participant, the table plan per slot (PDF) and the schedule as CSV and XLSX.</source>
        <translation>Écrit dans un dossier : un agenda PDF et un fichier calendrier (.ics) par participant, le plan de tables par créneau (PDF) et le planning en CSV et XLSX.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="428"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="429"/>
        <source>&amp;Write agendas…</source>
        <translation>&amp;Générer les agendas…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="525"/>
        <source>No event: create one with New…</source>
        <translation>Aucun événement : créez-en un avec Nouveau…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="544"/>
        <source>%1 slots of %2 min</source>
        <translation>%1 créneaux de %2 min</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="547"/>
        <source>%1 tables</source>
        <translation>%1 tables</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="548"/>
        <source>%1 participants</source>
        <translation>%1 participants</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="549"/>
        <source>%1 open requests</source>
        <translation>%1 demandes en cours</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="550"/>
        <source>%1 meetings</source>
        <translation>%1 rendez-vous</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="420"/>
        <source>Cance&amp;l a participant…</source>
        <translation>&amp;Annuler une participation…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="555"/>
        <source>Re-sc&amp;hedule</source>
        <translation>Replan&amp;ifier</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="555"/>
        <source>Sc&amp;hedule</source>
        <translation>Plan&amp;ifier</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="585"/>
        <source>Scheduling cancelled: nothing was changed.</source>
        <translation>Planification annulée : rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="621"/>
        <source>Delete the event</source>
        <translation>Supprimer l’événement</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="622"/>
        <source>Delete %1 with its participants, requests and meetings?</source>
        <translation>Supprimer %1 avec ses participants, ses demandes et ses rendez-vous ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="668"/>
        <source>Choose a company or team from the list.</source>
        <translation>Choisissez une entreprise ou une équipe dans la liste.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="676"/>
        <source>Write the availability as 09:00-12:00, 14:00-16:20.</source>
        <translation>Écrivez les disponibilités sous la forme 09:00-12:00, 14:00-16:20.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="693"/>
        <source>%1 takes part.</source>
        <translation>%1 participe.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="706"/>
        <source>Remove a participant</source>
        <translation>Retirer un participant</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="707"/>
        <source>Remove %1 from the event, with its requests and meetings?</source>
        <translation>Retirer %1 de l’événement, avec ses demandes et ses rendez-vous ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="732"/>
        <source>%1 requests added, %2 completed, %3 already there.</source>
        <translation>%1 demandes ajoutées, %2 complétées, %3 déjà présentes.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="759"/>
        <source>Meeting requested: %1 ↔ %2.</source>
        <translation>Rendez-vous demandé : %1 ↔ %2.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="795"/>
        <source>Scheduling %1…</source>
        <translation>Planification de %1…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="823"/>
        <source>Not scheduled in this session yet: press Schedule.</source>
        <translation>Pas encore planifié dans cette session : cliquez sur Planifier.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="826"/>
        <source>optimal</source>
        <translation>solution optimale</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="826"/>
        <source>best found</source>
        <translation>meilleure solution trouvée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="828"/>
        <source>%1 of %2 requests placed, total relevance %3 (%4, %5 s).</source>
        <translation>%1 demandes placées sur %2, pertinence totale %3 (%4, %5 s).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="834"/>
        <source>Greedy baseline on the same requests: %1 placed, total relevance %2.</source>
        <translation>Méthode gloutonne de référence sur les mêmes demandes : %1 placées, pertinence totale %2.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="840"/>
        <source>%1 confirmed meetings kept in place, %2 had to move.</source>
        <translation>%1 rendez-vous confirmés maintenus, %2 ont dû être déplacés.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="862"/>
        <source>Confirm meetings</source>
        <translation>Confirmer les rendez-vous</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="863"/>
        <source>No meeting is selected: confirm every proposed meeting?</source>
        <translation>Aucun rendez-vous n’est sélectionné : confirmer tous les rendez-vous proposés ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="869"/>
        <source>%1 meetings confirmed.</source>
        <translation>%1 rendez-vous confirmés.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="883"/>
        <source>Cancel a participant</source>
        <translation>Annuler une participation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="883"/>
        <source>Who withdraws from the event?</source>
        <translation>Qui se retire de l’événement ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="892"/>
        <source>%1 meetings cancelled: press Re-schedule to fill the freed slots.</source>
        <translation>%1 rendez-vous annulés : cliquez sur Replanifier pour remplir les créneaux libérés.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="905"/>
        <source>Folder for the agendas of %1</source>
        <translation>Dossier des agendas de %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="917"/>
        <source>%1 files written for %2 participants and %3 meetings in %4.</source>
        <translation>%1 fichiers écrits pour %2 participants et %3 rendez-vous dans %4.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="924"/>
        <source>Agendas written</source>
        <translation>Agendas générés</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="924"/>
        <source>Open the folder now?</source>
        <translation>Ouvrir le dossier maintenant ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="928"/>
        <source>Writing the agendas…</source>
        <translation>Génération des agendas…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_page.py" line="928"/>
        <source>Cannot write the agendas</source>
        <translation>Impossible de générer les agendas</translation>
    </message>
</context>
<context>
    <name>ExplanationView</name>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="115"/>
        <source>Select a suggestion to see why it matches.</source>
        <translation>Sélectionnez une suggestion pour voir pourquoi elle correspond.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="127"/>
        <source>Why they match</source>
        <translation>Pourquoi ils correspondent</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="129"/>
        <location filename="../../enact_match/ui/explanation_view.py" line="196"/>
        <source>score %1/100</source>
        <translation>score %1/100</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="137"/>
        <source>The need</source>
        <translation>Le besoin</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="143"/>
        <location filename="../../enact_match/ui/explanation_view.py" line="186"/>
        <source>Keywords:</source>
        <translation>Mots-clés :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="152"/>
        <source>Need&apos;s axes: %1 · Team&apos;s axes: %2</source>
        <translation>Axes du besoin : %1 · Axes de l’équipe : %2</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="154"/>
        <source>(some axes suggested from the text)</source>
        <translation>(certains axes déduits du texte)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="160"/>
        <source>cross-axis match</source>
        <translation>correspondance inter-axes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="165"/>
        <source>No shared term.</source>
        <translation>Aucun terme commun.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="177"/>
        <source>Shared terms (share of the score)</source>
        <translation>Termes communs (part du score)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="181"/>
        <source>The team: %1</source>
        <translation>L’équipe : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/explanation_view.py" line="191"/>
        <source>Publications behind the match</source>
        <translation>Publications à l’appui</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="30"/>
        <source>CSV for French Excel (*.csv)</source>
        <translation>CSV pour Excel en français (*.csv)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="31"/>
        <source>CSV, UTF-8 with commas (*.csv)</source>
        <translation>CSV UTF-8 avec virgules (*.csv)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="32"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="38"/>
        <source>PDF in French (*.pdf)</source>
        <translation>PDF en français (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="39"/>
        <source>PDF in English (*.pdf)</source>
        <translation>PDF en anglais (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="62"/>
        <source>Export %1</source>
        <translation>Exporter : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="114"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="115"/>
        <source>What do you want to export?</source>
        <translation>Que voulez-vous exporter ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="132"/>
        <source>Export finished</source>
        <translation>Export terminé</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="133"/>
        <source>%1 rows written to %2.</source>
        <translation>%1 lignes écrites dans %2.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="140"/>
        <source>Exporting to %1…</source>
        <translation>Export vers %1…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="143"/>
        <source>Cannot export</source>
        <translation>Export impossible</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="151"/>
        <source>PDF written</source>
        <translation>PDF enregistré</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="152"/>
        <source>%1 is written. Open it now?</source>
        <translation>%1 est enregistré. L’ouvrir maintenant ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="160"/>
        <source>Brief of %1</source>
        <translation>Fiche de mise en relation de %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="175"/>
        <source>Writing the brief…</source>
        <translation>Rédaction de la fiche…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="178"/>
        <source>Cannot write the brief</source>
        <translation>Impossible d’écrire la fiche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="187"/>
        <location filename="../../enact_match/ui/exports_ui.py" line="191"/>
        <source>Shortlist report</source>
        <translation>Rapport de sélection</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="188"/>
        <source>No need is listed: clear the filters of the Needs page.</source>
        <translation>Aucun besoin n’est listé : videz les filtres de la page Besoins.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="205"/>
        <source>Writing the shortlist report…</source>
        <translation>Rédaction du rapport de sélection…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/exports_ui.py" line="208"/>
        <source>Cannot write the shortlist report</source>
        <translation>Impossible d’écrire le rapport de sélection</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="395"/>
        <source>File to import</source>
        <translation>Fichier à importer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="397"/>
        <source>A CSV file (any usual encoding and delimiter), an Excel XLSX or an ODS file.</source>
        <translation>Un fichier CSV (encodage et séparateur usuels quelconques), un classeur Excel XLSX ou un fichier ODS.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="399"/>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="401"/>
        <source>It &amp;contains:</source>
        <translation>Il &amp;contient :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="403"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
</context>
<context>
    <name>GapsModel</name>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="233"/>
        <source>Dominant terms</source>
        <translation>Termes dominants</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="234"/>
        <source>Needs</source>
        <translation>Besoins</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/dashboard_page.py" line="235"/>
        <source>Best score</source>
        <translation>Meilleur score</translation>
    </message>
</context>
<context>
    <name>GdprDialog</name>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="70"/>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="150"/>
        <source>Personal data (GDPR)</source>
        <translation>Données personnelles (RGPD)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="73"/>
        <source>Export everything held about a person (their record and every note mentioning them), or erase them everywhere: a later import or a restored backup will not bring them back.</source>
        <translation>Exporter tout ce qui est conservé sur une personne (sa fiche et chaque note qui la mentionne), ou l’effacer partout : ni un import ultérieur ni une sauvegarde restaurée ne la feront revenir.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="77"/>
        <source>&amp;Person:</source>
        <translation>&amp;Personne :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="78"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="79"/>
        <source>E&amp;rase…</source>
        <translation>&amp;Effacer…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="107"/>
        <source>Export the personal data into</source>
        <translation>Exporter les données personnelles dans</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="118"/>
        <source>Personal data exported</source>
        <translation>Données personnelles exportées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="119"/>
        <source>Written: %1 and %2.</source>
        <translation>Écrits : %1 et %2.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="129"/>
        <source>Erase %1 everywhere? Their record is deleted and their name and e-mail are removed from every note. This cannot be undone.</source>
        <translation>Effacer %1 partout ? Sa fiche est supprimée, et son nom et son adresse e-mail sont retirés de chaque note. C’est définitif.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="132"/>
        <source>Erase a person</source>
        <translation>Effacer une personne</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="144"/>
        <source>Person erased</source>
        <translation>Personne effacée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/gdpr_dialog.py" line="145"/>
        <source>The person was erased. Notes rewritten: %1.</source>
        <translation>La personne a été effacée. Notes réécrites : %1.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../enact_match/ui/pipeline_models.py" line="203"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_models.py" line="203"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_models.py" line="210"/>
        <source>Created as %1</source>
        <translation>Créée à l’étape %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_models.py" line="213"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="87"/>
        <location filename="../../enact_match/ui/import_wizard.py" line="790"/>
        <source>Import a file</source>
        <translation>Importer un fichier</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="89"/>
        <source>Tables (*.csv *.xlsx *.ods);;All files (*)</source>
        <translation>Tableaux (*.csv *.xlsx *.ods);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="98"/>
        <source>Save the rejected rows</source>
        <translation>Enregistrer les lignes rejetées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="100"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="117"/>
        <source>Row %1, column “%2”: %3</source>
        <translation>Ligne %1, colonne « %2 » : %3</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="125"/>
        <source>…and %1 more problems.</source>
        <translation>… et %1 autres problèmes.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="129"/>
        <source>Nothing was imported:</source>
        <translation>Rien n’a été importé :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="137"/>
        <source>semicolon</source>
        <translation>point-virgule</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="138"/>
        <source>comma</source>
        <translation>virgule</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="139"/>
        <source>tab</source>
        <translation>tabulation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="253"/>
        <source>(ignore this column)</source>
        <translation>(ignorer cette colonne)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="257"/>
        <source>%1 (required)</source>
        <translation>%1 (obligatoire)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="345"/>
        <source>Line %1 updates %2 (%3)</source>
        <translation>La ligne %1 met à jour %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="869"/>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="869"/>
        <source>Importing %1…</source>
        <translation>Import de %1…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="898"/>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>L’import a été annulé ; rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>IntroduceDialog</name>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="135"/>
        <source>Introduce the company and the team</source>
        <translation>Présenter l’entreprise et l’équipe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="136"/>
        <source>Template:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="136"/>
        <source>To:</source>
        <translation>À :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="136"/>
        <source>Subject:</source>
        <translation>Objet :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="140"/>
        <source>&amp;Copy text</source>
        <translation>&amp;Copier le texte</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="141"/>
        <source>Copy the subject and the text, to paste them in any mail tool</source>
        <translation>Copier l’objet et le texte pour les coller dans n’importe quelle messagerie</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="142"/>
        <source>&amp;Open in mail client</source>
        <translation>&amp;Ouvrir dans la messagerie</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="144"/>
        <source>Open a new e-mail in your mail client and mark the match as introduced</source>
        <translation>Ouvrir un nouveau courriel dans votre messagerie et marquer la mise en relation comme présentée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="146"/>
        <source>&amp;Mark as introduced</source>
        <translation>&amp;Marquer comme présentée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="148"/>
        <source>Record the introduction without an e-mail (done by phone or another way)</source>
        <translation>Enregistrer la présentation sans courriel (faite par téléphone ou autrement)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="150"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="166"/>
        <source>Preparing the e-mail…</source>
        <translation>Préparation du courriel…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="207"/>
        <source>No contact with an e-mail address for this team or company: add the addresses in your mail client.</source>
        <translation>Aucun contact avec une adresse électronique pour cette équipe ou cette entreprise : ajoutez les adresses dans votre messagerie.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="228"/>
        <source>Copied. Click “Mark as introduced” once the e-mail is sent.</source>
        <translation>Copié. Cliquez sur « Marquer comme présentée » une fois le courriel envoyé.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="234"/>
        <source>No mail client</source>
        <translation>Pas de messagerie</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="235"/>
        <source>No mail client could be opened. Use “Copy text” and paste it in your e-mail.</source>
        <translation>Aucune messagerie n’a pu être ouverte. Utilisez « Copier le texte » et collez-le dans votre courriel.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="249"/>
        <source>Recording…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/introduce_dialog.py" line="265"/>
        <source>Introduction</source>
        <translation>Présentation</translation>
    </message>
</context>
<context>
    <name>LazyPage</name>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="75"/>
        <source>This page is not available: %1</source>
        <translation>Cette page n’est pas disponible : %1</translation>
    </message>
</context>
<context>
    <name>LongOperations</name>
    <message>
        <location filename="../../enact_match/ui/long_operations.py" line="49"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/long_operations.py" line="64"/>
        <source>Recomputing all suggestions…</source>
        <translation>Recalcul de toutes les suggestions…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/long_operations.py" line="79"/>
        <source>Cannot recompute the suggestions</source>
        <translation>Impossible de recalculer les suggestions</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="238"/>
        <source>Research units &amp; teams</source>
        <translation>Unités et équipes de recherche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="239"/>
        <source>Matches</source>
        <translation>Mises en relation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="240"/>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="241"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="294"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="295"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="296"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="297"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="299"/>
        <source>&amp;New record</source>
        <translation>&amp;Nouvelle fiche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="299"/>
        <source>Create a record on the current page</source>
        <translation>Créer une fiche dans la page actuelle</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="300"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="300"/>
        <source>Save the record being edited</source>
        <translation>Enregistrer la fiche en cours de modification</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="301"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="301"/>
        <source>Delete the selected record</source>
        <translation>Supprimer la fiche sélectionnée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="302"/>
        <source>&amp;Undo last change</source>
        <translation>&amp;Annuler la dernière modification</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="302"/>
        <source>Undo the last save or deletion</source>
        <translation>Annuler le dernier enregistrement ou la dernière suppression</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="304"/>
        <source>&amp;Search…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="305"/>
        <source>Find companies, units, teams, needs, contacts</source>
        <translation>Trouver entreprises, unités, équipes, besoins, contacts</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="307"/>
        <source>&amp;Refresh</source>
        <translation>Actualise&amp;r</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="307"/>
        <source>Read the data again</source>
        <translation>Relire les données</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="309"/>
        <source>&amp;Backups…</source>
        <translation>&amp;Sauvegardes…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="310"/>
        <source>The verified backups of the database; back up now or restore one</source>
        <translation>Les sauvegardes vérifiées de la base ; sauvegarder maintenant ou en restaurer une</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="313"/>
        <source>&amp;Laptop bundles…</source>
        <translation>&amp;Lots de modifications…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="314"/>
        <source>Export my changes, merge a bundle from another laptop, settle conflicts</source>
        <translation>Exporter mes modifications, fusionner un lot venu d’un autre ordinateur, régler les conflits</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="317"/>
        <source>&amp;Personal data (GDPR)…</source>
        <translation>Données &amp;personnelles (RGPD)…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="318"/>
        <source>Export everything held about a person, or erase them</source>
        <translation>Exporter tout ce qui est conservé sur une personne, ou l’effacer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="321"/>
        <source>En&amp;crypt this database…</source>
        <translation>&amp;Chiffrer cette base…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="322"/>
        <source>Encrypt the database file and its backups with a passphrase (SQLCipher)</source>
        <translation>Chiffrer le fichier de la base et ses sauvegardes avec une phrase secrète (SQLCipher)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="325"/>
        <source>C&amp;hange the passphrase…</source>
        <translation>C&amp;hanger la phrase secrète…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="326"/>
        <source>Encrypt the database file and its backups again with a new passphrase</source>
        <translation>Chiffrer de nouveau le fichier de la base et ses sauvegardes avec une nouvelle phrase secrète</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="329"/>
        <source>Decr&amp;ypt this database…</source>
        <translation>Déchi&amp;ffrer cette base…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="330"/>
        <source>Store the database file and its backups unencrypted again</source>
        <translation>Stocker de nouveau en clair le fichier de la base et ses sauvegardes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="333"/>
        <source>Recompute all &amp;suggestions</source>
        <translation>Recalculer toutes les &amp;suggestions</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="334"/>
        <source>Re-read every need and team and rank them again (after a large import)</source>
        <translation>Relire tous les besoins et toutes les équipes et les classer à nouveau (après un import important)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="337"/>
        <source>Se&amp;ttings…</source>
        <translation>Param&amp;ètres…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="338"/>
        <source>Database, language, your name and structure</source>
        <translation>Base de données, langue, votre nom et votre structure</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="341"/>
        <source>&amp;Import a file…</source>
        <translation>&amp;Importer un fichier…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="342"/>
        <source>Import records from CSV, XLSX or ODS, with a preview of the columns and rows</source>
        <translation>Importer des fiches depuis un fichier CSV, XLSX ou ODS, avec un aperçu des colonnes et des lignes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="345"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="346"/>
        <source>Needs, teams, companies, matches or the pipeline as CSV or XLSX</source>
        <translation>Besoins, équipes, entreprises, mises en relation ou suivi en CSV ou XLSX</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="349"/>
        <source>Shortlist &amp;report (PDF)…</source>
        <translation>&amp;Rapport de sélection (PDF)…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="350"/>
        <source>The needs listed on the Needs page with their best teams, as a PDF to print</source>
        <translation>Les besoins listés sur la page Besoins avec leurs meilleures équipes, en PDF à imprimer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="353"/>
        <source>&amp;Quick capture…</source>
        <translation>Saisie r&amp;apide…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="354"/>
        <source>A visitor&apos;s company, contact and need in a few keystrokes, then the best teams</source>
        <translation>L’entreprise, le contact et le besoin d’un visiteur en quelques frappes, puis les meilleures équipes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="357"/>
        <source>Find &amp;duplicates…</source>
        <translation>Trouver les &amp;doublons…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="358"/>
        <source>Companies, units, teams or contacts entered twice: compare and merge them</source>
        <translation>Entreprises, unités, équipes ou contacts saisis deux fois : les comparer et les fusionner</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="360"/>
        <source>Load the &amp;demo data</source>
        <translation>Charger les données de &amp;démonstration</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="360"/>
        <source>Add the demo data set</source>
        <translation>Ajouter le jeu de données de démonstration</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="361"/>
        <source>&amp;About ENACT Match</source>
        <translation>&amp;À propos d’ENACT Match</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="362"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="378"/>
        <source>Data: %1</source>
        <translation>Données : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="650"/>
        <source>Cannot open the database</source>
        <translation>Impossible d’ouvrir la base de données</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/main_window.py" line="651"/>
        <source>%1 could not be opened: %2</source>
        <translation>%1 n’a pas pu être ouverte : %2</translation>
    </message>
</context>
<context>
    <name>MatchesModel</name>
    <message>
        <location filename="../../enact_match/ui/pipeline_models.py" line="75"/>
        <source>Followed by %1</source>
        <translation>Suivie par %1</translation>
    </message>
</context>
<context>
    <name>MergeFieldsModel</name>
    <message>
        <location filename="../../enact_match/ui/duplicates_dialog.py" line="216"/>
        <source>%1 (kept)</source>
        <translation>%1 (conservée)</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="640"/>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="641"/>
        <source>The import is one transaction: nothing is ever half-imported.</source>
        <translation>L’import forme une seule transaction : rien n’est jamais importé à moitié.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="642"/>
        <source>When some rows are invalid</source>
        <translation>Quand des lignes ne sont pas valides</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="643"/>
        <source>Import &amp;nothing and tell me why (all or nothing)</source>
        <translation>&amp;N’importer rien et m’expliquer pourquoi (tout ou rien)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="645"/>
        <source>Import the &amp;valid rows and give me the rejected ones as a file, with the reasons</source>
        <translation>Importer les lignes &amp;valides et me donner les lignes rejetées dans un fichier, avec les raisons</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="647"/>
        <source>&amp;Rejected rows:</source>
        <translation>Lignes &amp;rejetées :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="648"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="649"/>
        <source>&amp;Dry run: check everything, write nothing</source>
        <translation>&amp;Essai à blanc : tout vérifier, ne rien enregistrer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="650"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="651"/>
        <source>&amp;Try</source>
        <translation>&amp;Essayer</translation>
    </message>
</context>
<context>
    <name>ParticipantsModel</name>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="254"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="255"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="256"/>
        <source>Attendees</source>
        <translation>Personnes présentes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="257"/>
        <source>Available</source>
        <translation>Disponibilités</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="258"/>
        <source>Max. meetings</source>
        <translation>Rendez-vous max.</translation>
    </message>
</context>
<context>
    <name>PipelinePage</name>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="209"/>
        <source>&amp;Structure:</source>
        <translation>&amp;Structure :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="210"/>
        <source>&amp;Owner:</source>
        <translation>&amp;Responsable :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="211"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="212"/>
        <source>&amp;Move to</source>
        <translation>&amp;Passer à</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="213"/>
        <source>Move the match to another stage</source>
        <translation>Faire passer la mise en relation à une autre étape</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="214"/>
        <source>New note:</source>
        <translation>Nouvelle note :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="215"/>
        <source>Call with the company, next step…</source>
        <translation>Appel avec l’entreprise, prochaine étape…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="216"/>
        <source>&amp;Add note</source>
        <translation>&amp;Ajouter la note</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="217"/>
        <source>Add a dated note to the history (Ctrl+Enter)</source>
        <translation>Ajouter une note datée à l’historique (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="218"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="220"/>
        <location filename="../../enact_match/ui/pipeline_page.py" line="251"/>
        <source>All structures</source>
        <translation>Toutes les structures</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="221"/>
        <location filename="../../enact_match/ui/pipeline_page.py" line="253"/>
        <source>All owners</source>
        <translation>Tous les responsables</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="284"/>
        <source>%1 match</source>
        <translation>%1 mise en relation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="284"/>
        <source>%1 matches</source>
        <translation>%1 mises en relation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="326"/>
        <source>Select a match to see its notes and history.</source>
        <translation>Sélectionnez une mise en relation pour voir ses notes et son historique.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="332"/>
        <source>Team: %1</source>
        <translation>Équipe : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="335"/>
        <source>Company: %1</source>
        <translation>Entreprise : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="336"/>
        <source>Stage: %1</source>
        <translation>Étape : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="340"/>
        <source>Collaboration: %1</source>
        <translation>Collaboration : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="345"/>
        <source>Reason: %1</source>
        <translation>Motif : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="347"/>
        <source>Followed by %1</source>
        <translation>Suivie par %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="417"/>
        <source>Collaboration started</source>
        <translation>Collaboration engagée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="417"/>
        <source>Kind of collaboration:</source>
        <translation>Type de collaboration :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="423"/>
        <source>Decline the match</source>
        <translation>Décliner la mise en relation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="423"/>
        <source>Why is it declined?</source>
        <translation>Pourquoi est-elle déclinée ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="460"/>
        <source>Someone else moved this match after you opened the pipeline: it is now at “%1”. Nothing was changed; the pipeline has been read again.</source>
        <translation>Quelqu’un d’autre a déplacé cette mise en relation après l’ouverture du pipeline : elle est maintenant à l’étape « %1 ». Rien n’a été modifié ; le pipeline a été relu.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/pipeline_page.py" line="463"/>
        <location filename="../../enact_match/ui/pipeline_page.py" line="466"/>
        <source>Pipeline</source>
        <translation>Suivi</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="510"/>
        <source>Columns and first rows</source>
        <translation>Colonnes et premières lignes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="512"/>
        <source>Check the field each column fills. Cells that would be refused are tinted: hover them.</source>
        <translation>Vérifiez le champ que remplit chaque colonne. Les cellules qui seraient refusées sont colorées : survolez-les.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="514"/>
        <source>&amp;Header row:</source>
        <translation>Ligne d’&amp;en-tête :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="515"/>
        <source>The line holding the column names</source>
        <translation>La ligne qui porte les noms des colonnes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="516"/>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="517"/>
        <source>First rows</source>
        <translation>Premières lignes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="518"/>
        <source>Existing records these rows match</source>
        <translation>Fiches existantes auxquelles ces lignes correspondent</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="519"/>
        <source>&amp;Update the existing records instead of creating twins</source>
        <translation>&amp;Mettre à jour les fiches existantes au lieu de créer des doublons</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="520"/>
        <source>Off: every row without a known reference creates a new record</source>
        <translation>Décoché : chaque ligne sans référence connue crée une nouvelle fiche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="538"/>
        <source>Reading the file…</source>
        <translation>Lecture du fichier…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="562"/>
        <source>Read as a spreadsheet · %1 rows</source>
        <translation>Lu comme un classeur · %1 lignes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="565"/>
        <source>Encoding: %2 · delimiter: %3 · %1 rows</source>
        <translation>Encodage : %2 · séparateur : %3 · %1 lignes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="571"/>
        <source>The mapping you confirmed last time for these columns is proposed.</source>
        <translation>La correspondance que vous avez confirmée la dernière fois pour ces colonnes est proposée.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="578"/>
        <source>Choose a column for: %1</source>
        <translation>Choisissez une colonne pour : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="583"/>
        <source>%1 of the first %2 rows would be refused.</source>
        <translation>%1 des %2 premières lignes seraient refusées.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="587"/>
        <source>The first rows are valid.</source>
        <translation>Les premières lignes sont valides.</translation>
    </message>
</context>
<context>
    <name>PreviewRowsModel</name>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="338"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
</context>
<context>
    <name>QuickCaptureDialog</name>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="283"/>
        <location filename="../../enact_match/ui/quick_capture.py" line="615"/>
        <source>Quick capture</source>
        <translation>Saisie rapide</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="284"/>
        <source>This event (kept for the next visitor)</source>
        <translation>Cet événement (conservé pour le visiteur suivant)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="285"/>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="286"/>
        <source>Person met</source>
        <translation>Personne rencontrée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="287"/>
        <source>Need</source>
        <translation>Besoin</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="288"/>
        <source>&amp;Event:</source>
        <translation>É&amp;vénement :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="289"/>
        <source>salon</source>
        <translation>salon</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="290"/>
        <source>Captured &amp;by:</source>
        <translation>Saisi &amp;par :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="291"/>
        <source>&amp;Legal basis:</source>
        <translation>&amp;Base légale :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="294"/>
        <source>Existing companies (↓ then Enter to choose):</source>
        <translation>Entreprises existantes (↓ puis Entrée pour choisir) :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="295"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="296"/>
        <source>Save the visit and show the best teams (Enter, Ctrl+Enter)</source>
        <translation>Enregistrer la visite et afficher les meilleures équipes (Entrée, Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="297"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="298"/>
        <source>Saving and ranking the teams…</source>
        <translation>Enregistrement et classement des équipes…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="299"/>
        <source>&amp;Print brief…</source>
        <translation>&amp;Imprimer la fiche…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="300"/>
        <source>The need&apos;s one-page brief as a PDF (Ctrl+P)</source>
        <translation>La fiche d’une page du besoin, en PDF (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="301"/>
        <source>&amp;Next visitor</source>
        <translation>Visiteur &amp;suivant</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="302"/>
        <source>Clear the visitor&apos;s fields and start again (Enter)</source>
        <translation>Vider les champs du visiteur et recommencer (Entrée)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="310"/>
        <source>&amp;GDPR information given to the visitor (today, by %1)</source>
        <translation>Information &amp;RGPD donnée au visiteur (aujourd’hui, par %1)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="316"/>
        <source>New company %1</source>
        <translation>Nouvelle entreprise %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="316"/>
        <source>Existing company %1</source>
        <translation>Entreprise existante %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="319"/>
        <source>New company, unless one with the same SIREN or name exists.</source>
        <translation>Nouvelle entreprise, sauf s’il en existe une avec le même SIREN ou le même nom.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="321"/>
        <source>Existing company: %1</source>
        <translation>Entreprise existante : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="326"/>
        <source>The best teams appear here as soon as the visit is saved.</source>
        <translation>Les meilleures équipes s’affichent ici dès que la visite est enregistrée.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="330"/>
        <source>Top %1 teams for %2 · %3</source>
        <translation>Les %1 meilleures équipes pour %2 · %3</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="337"/>
        <source>new contact %1</source>
        <translation>nouveau contact %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="337"/>
        <source>known contact %1</source>
        <translation>contact connu %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="339"/>
        <source>Saved: %1.</source>
        <translation>Enregistré : %1.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="342"/>
        <source>No team to suggest yet for %1: add teams or describe the need.</source>
        <translation>Aucune équipe à suggérer pour l’instant pour %1 : ajoutez des équipes ou décrivez le besoin.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="515"/>
        <source>Cannot save the visit</source>
        <translation>Impossible d’enregistrer la visite</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="532"/>
        <source>Tick this box once the visitor has been told how their data will be used.</source>
        <translation>Cochez cette case une fois le visiteur informé de l’usage qui sera fait de ses données.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="536"/>
        <source>Please correct the fields marked.</source>
        <translation>Corrigez les champs signalés.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="550"/>
        <source>Say who captures the contact (Captured by).</source>
        <translation>Indiquez qui saisit le contact (Saisi par).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="552"/>
        <source>A need kept to a structure needs your structure: set it in the settings.</source>
        <translation>Un besoin réservé à une structure nécessite votre structure : indiquez-la dans les paramètres.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/quick_capture.py" line="616"/>
        <source>Close without saving this visitor? What was typed will be lost.</source>
        <translation>Fermer sans enregistrer ce visiteur ? La saisie sera perdue.</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../enact_match/ui/forms.py" line="352"/>
        <source>Separate keywords with ;</source>
        <translation>Séparez les mots-clés par ;</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/forms.py" line="353"/>
        <source>Keywords separated by semicolons, in French or English</source>
        <translation>Mots-clés séparés par des points-virgules, en français ou en anglais</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/forms.py" line="356"/>
        <source>9-digit SIREN or 14-digit SIRET; the checksum is verified</source>
        <translation>SIREN à 9 chiffres ou SIRET à 14 chiffres ; la clé de contrôle est vérifiée</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="103"/>
        <source>All axes</source>
        <translation>Tous les axes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="111"/>
        <source>All institutions</source>
        <translation>Toutes les tutelles</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="154"/>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="159"/>
        <source>All structures</source>
        <translation>Toutes les structures</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="163"/>
        <source>All owners</source>
        <translation>Tous les responsables</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="186"/>
        <source>All sizes</source>
        <translation>Toutes les tailles</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="487"/>
        <source>Filter the list…</source>
        <translation>Filtrer la liste…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="488"/>
        <source>Show only the rows containing these words</source>
        <translation>N’afficher que les lignes contenant ces mots</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="491"/>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="492"/>
        <source>Create a record (Ctrl+N)</source>
        <translation>Créer une fiche (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="493"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="494"/>
        <source>Save the changes (Ctrl+S)</source>
        <translation>Enregistrer les modifications (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="495"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="496"/>
        <source>Delete this record (Del); Ctrl+Z undoes it</source>
        <translation>Supprimer cette fiche (Suppr) ; Ctrl+Z l’annule</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="498"/>
        <source>&amp;Brief (PDF)…</source>
        <translation>&amp;Fiche (PDF)…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="500"/>
        <source>A one-page PDF of this need, its best teams and why, to print or send</source>
        <translation>Une page PDF sur ce besoin, ses meilleures équipes et pourquoi, à imprimer ou à envoyer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="504"/>
        <source>Add a publication</source>
        <translation>Ajouter une publication</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="505"/>
        <source>Remove the selected publication</source>
        <translation>Retirer la publication sélectionnée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="512"/>
        <source>Suggested teams</source>
        <translation>Équipes suggérées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="514"/>
        <source>Needs it could answer</source>
        <translation>Besoins auxquels elle pourrait répondre</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="517"/>
        <source>Record</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="585"/>
        <source>Cannot read the list</source>
        <translation>Impossible de lire la liste</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="602"/>
        <source>%1 (of %2)</source>
        <translation>%1 (sur %2)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="608"/>
        <source>New record</source>
        <translation>Nouvelle fiche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="680"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="680"/>
        <source>Discard the changes you made to this record?</source>
        <translation>Abandonner les modifications apportées à cette fiche ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="834"/>
        <source>Saved by someone else</source>
        <translation>Enregistrée par quelqu’un d’autre</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="836"/>
        <source>Someone else saved this record after you opened it, so your changes were not saved. They changed: %1. The record has been reloaded with their version: make your changes again.</source>
        <translation>Quelqu’un d’autre a enregistré cette fiche après que vous l’avez ouverte : vos modifications n’ont pas été enregistrées. Champs modifiés : %1. La fiche a été rechargée avec sa version : refaites vos modifications.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="843"/>
        <source>Cannot save</source>
        <translation>Enregistrement impossible</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="864"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="864"/>
        <source>Delete “%1”? You can undo it with Ctrl+Z.</source>
        <translation>Supprimer « %1 » ? Vous pourrez l’annuler avec Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="871"/>
        <source>Cannot delete</source>
        <translation>Suppression impossible</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/record_pages.py" line="901"/>
        <source>Cannot undo</source>
        <translation>Annulation impossible</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="343"/>
        <source>Add a meeting request</source>
        <translation>Ajouter une demande de rendez-vous</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="344"/>
        <source>&amp;Company:</source>
        <translation>&amp;Entreprise :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="345"/>
        <source>&amp;Team:</source>
        <translation>É&amp;quipe :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/event_dialog.py" line="346"/>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorité :</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="287"/>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="288"/>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="289"/>
        <source>Relevance</source>
        <translation>Pertinence</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="290"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="291"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="292"/>
        <source>State</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="704"/>
        <source>Dry run finished: nothing was written</source>
        <translation>Essai à blanc terminé : rien n’a été enregistré</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="704"/>
        <source>Import finished</source>
        <translation>Import terminé</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="708"/>
        <source>Created: %1</source>
        <translation>Créées : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="709"/>
        <source>Updated: %1</source>
        <translation>Mises à jour : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="710"/>
        <source>Of which matched to existing records (duplicates): %1</source>
        <translation>Dont rapprochées de fiches existantes (doublons) : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="713"/>
        <source>Rejected: %1</source>
        <translation>Rejetées : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="717"/>
        <source>The rejected rows and the reasons are in %1</source>
        <translation>Les lignes rejetées et leurs raisons sont dans %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="720"/>
        <source>Ignored columns: %1</source>
        <translation>Colonnes ignorées : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/import_wizard.py" line="722"/>
        <source>Go back to import for real.</source>
        <translation>Revenez en arrière pour importer pour de bon.</translation>
    </message>
</context>
<context>
    <name>ScheduleGridModel</name>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="430"/>
        <source>Priority: %1</source>
        <translation>Priorité : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="431"/>
        <source>Status: %1</source>
        <translation>Statut : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="432"/>
        <source>Relevance: %1</source>
        <translation>Pertinence : %1</translation>
    </message>
</context>
<context>
    <name>ScoreDelegate</name>
    <message>
        <location filename="../../enact_match/ui/score_delegate.py" line="88"/>
        <source>cross-axis</source>
        <translation>inter-axes</translation>
    </message>
</context>
<context>
    <name>SearchPopup</name>
    <message>
        <location filename="../../enact_match/ui/search.py" line="24"/>
        <source>Need</source>
        <translation>Besoin</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/search.py" line="25"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/search.py" line="64"/>
        <source>Search companies, units, teams, needs, contacts…</source>
        <translation>Rechercher entreprises, unités, équipes, besoins, contacts…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/search.py" line="102"/>
        <source>Preparing the search…</source>
        <translation>Préparation de la recherche…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/search.py" line="106"/>
        <source>No match</source>
        <translation>Aucun résultat</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="91"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="92"/>
        <source>&amp;Database:</source>
        <translation>&amp;Base de données :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="93"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="94"/>
        <source>Your &amp;name:</source>
        <translation>Votre &amp;nom :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="95"/>
        <source>Your &amp;structure:</source>
        <translation>Votre &amp;structure :</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="96"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="98"/>
        <source>A database file, or a URL such as postgresql://user@host/enact</source>
        <translation>Un fichier de base de données, ou une URL comme postgresql://utilisateur@serveur/enact</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="101"/>
        <source>Leave empty for the default file. A PostgreSQL URL lets several officers share the data.</source>
        <translation>Laissez vide pour le fichier par défaut. Une URL PostgreSQL permet à plusieurs chargés d’affaires de partager les données.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="104"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="107"/>
        <source>Recorded as the author of your decisions and as need owner</source>
        <translation>Enregistré comme auteur de vos décisions et responsable des besoins</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="109"/>
        <source>Needs confidential to your structure are shown only to its members</source>
        <translation>Les besoins réservés à votre structure ne sont montrés qu’à ses membres</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="135"/>
        <source>Database file</source>
        <translation>Fichier de base de données</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/settings_dialog.py" line="137"/>
        <source>SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Bases SQLite (*.sqlite3 *.sqlite *.db);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>SuggestionsModel</name>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="112"/>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="113"/>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="113"/>
        <source>Need</source>
        <translation>Besoin</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="114"/>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="114"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="115"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="116"/>
        <source>Axes</source>
        <translation>Axes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="147"/>
        <source>Cross-axis: the need&apos;s and the team&apos;s axes do not meet.</source>
        <translation>Inter-axes : les axes du besoin et ceux de l’équipe ne se recoupent pas.</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="273"/>
        <source>Calculating…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="274"/>
        <source>&amp;Shortlist</source>
        <translation>&amp;Retenir</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="275"/>
        <source>Keep this suggestion in the pipeline (Ctrl+L)</source>
        <translation>Garder cette suggestion dans le suivi (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="276"/>
        <source>&amp;Decline…</source>
        <translation>&amp;Décliner…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="277"/>
        <source>Decline this suggestion, with a reason (Ctrl+D)</source>
        <translation>Décliner cette suggestion, avec un motif (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="278"/>
        <source>Already &amp;partners</source>
        <translation>Déjà &amp;partenaires</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="280"/>
        <source>The company and the team already work together: never suggest them again</source>
        <translation>L’entreprise et l’équipe travaillent déjà ensemble : ne plus jamais les suggérer</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="282"/>
        <source>&amp;Introduce…</source>
        <translation>&amp;Présenter…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="283"/>
        <source>Write the introduction e-mail (Ctrl+I)</source>
        <translation>Rédiger le courriel de présentation (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="362"/>
        <source>The suggestions could not be calculated: %1</source>
        <translation>Les suggestions n’ont pas pu être calculées : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="378"/>
        <source>Select a need or a team to see suggestions.</source>
        <translation>Sélectionnez un besoin ou une équipe pour voir les suggestions.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="380"/>
        <source>Teams for the need: %1</source>
        <translation>Équipes pour le besoin : %1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="382"/>
        <source>Needs the team %1 could answer</source>
        <translation>Besoins auxquels l’équipe %1 pourrait répondre</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="389"/>
        <source>No suggestion left: every close match is already in the pipeline or excluded.</source>
        <translation>Plus de suggestion : toutes les correspondances proches sont déjà suivies ou exclues.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="459"/>
        <source>Decline the suggestion</source>
        <translation>Décliner la suggestion</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="459"/>
        <source>Why is it declined?</source>
        <translation>Pourquoi est-elle déclinée ?</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/suggestions_panel.py" line="503"/>
        <source>Decision not recorded</source>
        <translation>Décision non enregistrée</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../../enact_match/ui/text.py" line="21"/>
        <source>Axis 1 · Language &amp; multimodal</source>
        <translation>Axe 1 · Langage &amp; multimodal</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="22"/>
        <source>Axis 2 · AI for engineering &amp; science</source>
        <translation>Axe 2 · IA pour l’ingénierie &amp; les sciences</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="23"/>
        <source>Axis 3 · Digital health</source>
        <translation>Axe 3 · Santé numérique</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="30"/>
        <source>A%1</source>
        <translation>A%1</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="40"/>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="41"/>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="42"/>
        <source>Closed</source>
        <translation>Fermé</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="51"/>
        <source>Suggested</source>
        <translation>Suggérée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="52"/>
        <source>Shortlisted</source>
        <translation>Retenue</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="53"/>
        <source>Introduced</source>
        <translation>Présentée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="54"/>
        <source>Meeting held</source>
        <translation>Rencontre faite</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="55"/>
        <source>Collaboration started</source>
        <translation>Collaboration engagée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="56"/>
        <source>Declined</source>
        <translation>Déclinée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="65"/>
        <source>Too early</source>
        <translation>Trop tôt</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="66"/>
        <source>Benefit unclear</source>
        <translation>Intérêt peu clair</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="67"/>
        <source>No capacity</source>
        <translation>Pas de disponibilité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="68"/>
        <location filename="../../enact_match/ui/text.py" line="300"/>
        <source>Confidentiality</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="69"/>
        <source>Already partners</source>
        <translation>Déjà partenaires</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="70"/>
        <source>Competitor</source>
        <translation>Concurrent</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="71"/>
        <source>Conflict of interest</source>
        <translation>Conflit d’intérêts</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="72"/>
        <location filename="../../enact_match/ui/text.py" line="88"/>
        <location filename="../../enact_match/ui/text.py" line="139"/>
        <location filename="../../enact_match/ui/text.py" line="151"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="81"/>
        <source>CIFRE thesis</source>
        <translation>Thèse CIFRE</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="82"/>
        <source>Research contract</source>
        <translation>Contrat de recherche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="83"/>
        <source>Service contract</source>
        <translation>Prestation de service</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="84"/>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="85"/>
        <source>Joint laboratory</source>
        <translation>Laboratoire commun</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="86"/>
        <source>ENACT chair</source>
        <translation>Chaire ENACT</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="87"/>
        <source>Maturation</source>
        <translation>Maturation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="97"/>
        <source>Public</source>
        <translation>Public</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="98"/>
        <source>ENACT network</source>
        <translation>Réseau ENACT</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="99"/>
        <source>My structure only</source>
        <translation>Ma structure seulement</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="108"/>
        <source>No data</source>
        <translation>Pas de données</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="109"/>
        <source>Industrial data</source>
        <translation>Données industrielles</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="110"/>
        <source>Medical data</source>
        <translation>Données médicales</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="111"/>
        <source>Other data</source>
        <translation>Autres données</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="120"/>
        <source>Micro-enterprise (TPE)</source>
        <translation>Très petite entreprise (TPE)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="121"/>
        <source>SME (PME)</source>
        <translation>Petite ou moyenne entreprise (PME)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="122"/>
        <source>Mid-cap (ETI)</source>
        <translation>Entreprise de taille intermédiaire (ETI)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="123"/>
        <source>Large company (GE)</source>
        <translation>Grande entreprise (GE)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="132"/>
        <source>Université de Lorraine</source>
        <translation>Université de Lorraine</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="133"/>
        <source>Université de Strasbourg</source>
        <translation>Université de Strasbourg</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="137"/>
        <source>CHRU Nancy</source>
        <translation>CHRU de Nancy</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="138"/>
        <source>Strasbourg University Hospitals</source>
        <translation>Hôpitaux universitaires de Strasbourg</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="148"/>
        <source>Legitimate interest</source>
        <translation>Intérêt légitime</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="149"/>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="150"/>
        <source>Contract</source>
        <translation>Contrat</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="175"/>
        <source>A value is required.</source>
        <translation>Une valeur est obligatoire.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="176"/>
        <source>The file has no column for this field.</source>
        <translation>Le fichier n’a pas de colonne pour ce champ.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="177"/>
        <source>This reference appears twice in the file.</source>
        <translation>Cette référence apparaît deux fois dans le fichier.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="178"/>
        <source>No such record in the database.</source>
        <translation>Aucune fiche correspondante dans la base.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="179"/>
        <source>The text is too long.</source>
        <translation>Le texte est trop long.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="180"/>
        <source>A SIREN has 9 digits (a SIRET 14).</source>
        <translation>Un SIREN a 9 chiffres (un SIRET 14).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="181"/>
        <source>The SIREN checksum is wrong (a mistyped digit?).</source>
        <translation>La clé de contrôle du SIREN est fausse (un chiffre mal saisi ?).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="184"/>
        <source>The SIRET checksum is wrong (a mistyped digit?).</source>
        <translation>La clé de contrôle du SIRET est fausse (un chiffre mal saisi ?).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="187"/>
        <source>Not a valid e-mail address.</source>
        <translation>Adresse électronique non valide.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="188"/>
        <source>A NAF/APE code looks like 6201Z.</source>
        <translation>Un code NAF/APE s’écrit comme 6201Z.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="189"/>
        <source>Axes are 1, 2 or 3.</source>
        <translation>Les axes sont 1, 2 ou 3.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="190"/>
        <source>A whole number is expected.</source>
        <translation>Un nombre entier est attendu.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="191"/>
        <source>Out of range (TRL: 1 to 9).</source>
        <translation>Hors limites (TRL : 1 à 9).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="192"/>
        <source>Yes or no is expected.</source>
        <translation>Oui ou non est attendu.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="193"/>
        <source>A date is expected (31/03/2025).</source>
        <translation>Une date est attendue (31/03/2025).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="194"/>
        <source>Not one of the accepted values.</source>
        <translation>Ne fait pas partie des valeurs acceptées.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="195"/>
        <source>The file&apos;s text encoding is not recognised (save it as UTF-8).</source>
        <translation>L’encodage du texte du fichier n’est pas reconnu (enregistrez-le en UTF-8).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="198"/>
        <source>The file is too large.</source>
        <translation>Le fichier est trop volumineux.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="199"/>
        <source>The file has too many rows.</source>
        <translation>Le fichier a trop de lignes.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="200"/>
        <source>The file has too many columns.</source>
        <translation>Le fichier a trop de colonnes.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="201"/>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="202"/>
        <source>The file is not a readable CSV file.</source>
        <translation>Le fichier n’est pas un CSV lisible.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="203"/>
        <source>Unsupported file type (use .csv, .xlsx or .ods).</source>
        <translation>Type de fichier non pris en charge (utilisez .csv, .xlsx ou .ods).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="204"/>
        <source>The file has too many cells.</source>
        <translation>Le fichier a trop de cellules.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="205"/>
        <source>There is no row at this line.</source>
        <translation>Il n’y a pas de ligne à ce numéro.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="206"/>
        <source>The file is not a valid XLSX workbook.</source>
        <translation>Le fichier n’est pas un classeur XLSX valide.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="207"/>
        <source>The file is not a valid ODS spreadsheet.</source>
        <translation>Le fichier n’est pas un classeur ODS valide.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="208"/>
        <source>The workbook unpacks to far more than its size: refused as unsafe.</source>
        <translation>Le classeur se décompresse en bien plus que sa taille : refusé par sécurité.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="211"/>
        <source>The spreadsheet unpacks to far more than its size: refused as unsafe.</source>
        <translation>Le classeur se décompresse en bien plus que sa taille : refusé par sécurité.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="214"/>
        <source>XLSX files cannot be read safely on this installation (defusedxml is missing).</source>
        <translation>Les fichiers XLSX ne peuvent pas être lus sans risque sur cette installation (defusedxml manque).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="217"/>
        <source>The file contains unsafe XML: refused.</source>
        <translation>Le fichier contient du XML dangereux : refusé.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="218"/>
        <source>The file cannot be written there.</source>
        <translation>Impossible d’écrire le fichier à cet endroit.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="219"/>
        <source>A record cannot be merged with itself.</source>
        <translation>Une fiche ne peut pas être fusionnée avec elle-même.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="314"/>
        <source>Captured by</source>
        <translation>Saisi par</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="335"/>
        <source>known header</source>
        <translation>en-tête connu</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="336"/>
        <source>similar header</source>
        <translation>en-tête proche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="337"/>
        <source>remembered</source>
        <translation>mémorisée</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="338"/>
        <source>your choice</source>
        <translation>votre choix</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="349"/>
        <source>same SIREN</source>
        <translation>même SIREN</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="350"/>
        <source>same name</source>
        <translation>même nom</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="351"/>
        <source>nearly the same name</source>
        <translation>nom presque identique</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="352"/>
        <source>same RNSR number</source>
        <translation>même numéro RNSR</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="353"/>
        <source>same unit code</source>
        <translation>même code d’unité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="354"/>
        <source>same name in the same unit</source>
        <translation>même nom dans la même unité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="355"/>
        <source>same e-mail</source>
        <translation>même courriel</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="356"/>
        <source>same name and organisation</source>
        <translation>même nom et même organisme</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="365"/>
        <source>Matches</source>
        <translation>Mises en relation</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="367"/>
        <source>Pipeline (matches with their history)</source>
        <translation>Suivi (mises en relation avec leur historique)</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="220"/>
        <source>The file cannot be read.</source>
        <translation>Le fichier ne peut pas être lu.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="221"/>
        <source>Unknown kind of record.</source>
        <translation>Type de fiche inconnu.</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="231"/>
        <source>Companies</source>
        <translation>Entreprises</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="232"/>
        <source>Research units</source>
        <translation>Unités de recherche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="233"/>
        <location filename="../../enact_match/ui/text.py" line="317"/>
        <source>Teams</source>
        <translation>Équipes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="234"/>
        <location filename="../../enact_match/ui/text.py" line="316"/>
        <source>Needs</source>
        <translation>Besoins</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="235"/>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="246"/>
        <source>%1 company</source>
        <translation>%1 entreprise</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="248"/>
        <source>%1 companies</source>
        <translation>%1 entreprises</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="250"/>
        <source>%1 unit</source>
        <translation>%1 unité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="252"/>
        <source>%1 units</source>
        <translation>%1 unités</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="253"/>
        <source>%1 team</source>
        <translation>%1 équipe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="255"/>
        <source>%1 teams</source>
        <translation>%1 équipes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="256"/>
        <source>%1 need</source>
        <translation>%1 besoin</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="258"/>
        <source>%1 needs</source>
        <translation>%1 besoins</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="260"/>
        <source>%1 contact</source>
        <translation>%1 contact</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="262"/>
        <source>%1 contacts</source>
        <translation>%1 contacts</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="272"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="273"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="274"/>
        <source>Legal form</source>
        <translation>Forme juridique</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="275"/>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="276"/>
        <source>NAF code</source>
        <translation>Code NAF</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="277"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="278"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="279"/>
        <source>Department</source>
        <translation>Département</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="280"/>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="281"/>
        <source>Acronym</source>
        <translation>Sigle</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="282"/>
        <source>Unit code</source>
        <translation>Code de l’unité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="283"/>
        <source>RNSR number</source>
        <translation>Numéro RNSR</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="284"/>
        <source>Institutions</source>
        <translation>Tutelles</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="285"/>
        <source>Other institutions</source>
        <translation>Autres tutelles</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="286"/>
        <location filename="../../enact_match/ui/text.py" line="319"/>
        <source>Research unit</source>
        <translation>Unité de recherche</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="287"/>
        <source>Team leader</source>
        <translation>Responsable d’équipe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="288"/>
        <source>Competencies</source>
        <translation>Compétences</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="289"/>
        <source>Keywords</source>
        <translation>Mots-clés</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="290"/>
        <source>Axes</source>
        <translation>Axes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="291"/>
        <source>Platforms</source>
        <translation>Plateformes</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="292"/>
        <source>Open to CIFRE</source>
        <translation>Ouverte aux CIFRE</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="293"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="294"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="295"/>
        <location filename="../../enact_match/ui/text.py" line="318"/>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="296"/>
        <source>Target TRL</source>
        <translation>TRL visé</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="297"/>
        <source>Horizon</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="298"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="299"/>
        <source>Data available</source>
        <translation>Données disponibles</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="301"/>
        <location filename="../../enact_match/ui/text.py" line="320"/>
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="302"/>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="303"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="304"/>
        <source>Opened on</source>
        <translation>Ouvert le</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="305"/>
        <source>Closed on</source>
        <translation>Fermé le</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="306"/>
        <source>Role</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="307"/>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="308"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="309"/>
        <source>Organisation</source>
        <translation>Organisme</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="310"/>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="311"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="312"/>
        <source>Legal basis</source>
        <translation>Base légale</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="313"/>
        <source>Informed on</source>
        <translation>Informé le</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="315"/>
        <source>Last contact</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="321"/>
        <source>Publications</source>
        <translation>Publications</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="322"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="323"/>
        <source>Venue</source>
        <translation>Revue ou conférence</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="324"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/text.py" line="325"/>
        <source>Abstract</source>
        <translation>Résumé</translation>
    </message>
</context>
<context>
    <name>UnplacedModel</name>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="369"/>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="369"/>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="369"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/events_models.py" line="369"/>
        <source>Why not placed</source>
        <translation>Motif</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="35"/>
        <source>Loading the demo data…</source>
        <translation>Chargement des données de démonstration…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="51"/>
        <source>Cannot load the demo data</source>
        <translation>Impossible de charger les données de démonstration</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="115"/>
        <source>Welcome to ENACT Match</source>
        <translation>Bienvenue dans ENACT Match</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="118"/>
        <source>ENACT Match connects the R&amp;D needs of companies with the research teams of the Grand Est region that can answer them. The database is empty: start with the demo data to discover the application, or import your own files (CSV or Excel).</source>
        <translation>ENACT Match met en relation les besoins de R&amp;D des entreprises avec les équipes de recherche du Grand Est qui peuvent y répondre. La base de données est vide : commencez par les données de démonstration pour découvrir l’application, ou importez vos propres fichiers (CSV ou Excel).</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="123"/>
        <source>Load the demo data</source>
        <translation>Charger les données de démonstration</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="125"/>
        <source>Public Grand Est units and teams, fictional companies and needs</source>
        <translation>Unités et équipes publiques du Grand Est, entreprises et besoins fictifs</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="127"/>
        <source>Import a file…</source>
        <translation>Importer un fichier…</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="129"/>
        <source>Needs, companies, units, teams or contacts from CSV, XLSX or ODS</source>
        <translation>Besoins, entreprises, unités, équipes ou contacts depuis un fichier CSV, XLSX ou ODS</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="131"/>
        <source>Start with an empty database</source>
        <translation>Commencer avec une base vide</translation>
    </message>
    <message>
        <location filename="../../enact_match/ui/welcome_page.py" line="132"/>
        <source>Database: %1</source>
        <translation>Base de données : %1</translation>
    </message>
</context>
</TS>
